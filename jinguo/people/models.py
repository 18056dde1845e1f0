from django.db import models
from django.utils.translation import gettext_lazy as _

from jinguo.core.models import OrgScoped

ETHNICITIES = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]
assert len(ETHNICITIES) == 56


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class Person(OrgScoped):
    """Someone the federation works with: lecturer, volunteer, honoree, family member.

    ID number and phone are stored encrypted; `*_hash` finds a value without decrypting,
    `*_masked` is what every page shows unless a permitted user reveals it.
    """

    name = models.CharField(_("name"), max_length=40)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=10, choices=[(e, e) for e in ETHNICITIES])
    birth_date = models.DateField(_("birth date"))
    id_number_enc = models.TextField(editable=False)
    # Hashes are only ever looked up whole: declared in Meta, so PostgreSQL gets no second, prefix-search
    # ("_like") index of each to keep up on every insert.
    id_number_hash = models.CharField(max_length=64, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=18, editable=False)
    phone_enc = models.TextField(blank=True, editable=False)
    phone_hash = models.CharField(max_length=64, blank=True, editable=False)
    phone_masked = models.CharField(_("phone"), max_length=11, blank=True, editable=False)
    photo = models.ImageField(_("photo"), upload_to="photos/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(fields=["id_number_hash"], name="person_id_number_once")]
        indexes = [
            models.Index(fields=["org_path", "name"], name="person_org_name"),
            models.Index(fields=["phone_hash"], name="person_phone_hash"),
        ]

    def __str__(self) -> str:
        return self.name
