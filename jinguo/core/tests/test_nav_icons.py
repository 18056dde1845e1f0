"""Every entry of the side menu has its icon in the vendored sprite (a missing one leaves a gap, as 消息 had)."""

from pathlib import Path

from jinguo.core.modules import nav_items

SPRITE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "tabler-icons" / "sprite.svg"


def test_every_menu_entry_has_its_icon_in_the_sprite():
    sprite = SPRITE.read_text(encoding="utf-8")
    missing = [(item.url_name, item.icon) for item in nav_items() if f'<symbol id="{item.icon}"' not in sprite]
    assert missing == []
