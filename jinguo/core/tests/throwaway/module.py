from jinguo.core.modules import Module, NavItem, register

register(
    Module(
        label="throwaway",
        title="Throwaway",
        urls="jinguo.core.tests.throwaway.urls",
        nav=[NavItem("throwaway:index", "Throwaway", "check", None, order=999)],
        api=[("/throwaway", "jinguo.core.tests.throwaway.api:router")],
        actions={"poke": "Poke"},
        grants={"cadre": ["poke"]},
    )
)
