"""Place names for the demo network of Horqin Left Back Banner (科左后旗).

The townships and sumu are the banner's real ones as far as we know them; the community service
centres and most village names are made up in the local style. The places the source report
names are placed where it puts them.
"""

BANNER = ("KZHQ", "科左后旗")

TOWNSHIPS = [
    "甘旗卡镇",
    "吉尔嘎朗镇",
    "金宝屯镇",
    "常胜镇",
    "查日苏镇",
    "努古斯台镇",
    "海鲁吐镇",
    "阿古拉镇",
    "朝鲁吐镇",
    "散都苏木",
    "巴嘎塔拉苏木",
    "巴彦毛都苏木",
    "阿都沁苏木",
    "茂道吐苏木",
    "乌兰敖道苏木",
    "胜利农场",
    "东城社区服务中心",
    "西城社区服务中心",
    "南城社区服务中心",
    "北城社区服务中心",
]

# Villages the source report names, and the township each belongs to.
NAMED_VILLAGES = {
    "查日苏镇": ["沃德嘎查"],
    "努古斯台镇": ["柴达木嘎查"],
    "巴嘎塔拉苏木": ["伊胡塔嘎查"],
    "常胜镇": ["特莫图热其嘎查"],
}

PREFIXES = [
    "乌兰",
    "哈日",
    "查干",
    "巴彦",
    "额尔敦",
    "宝力",
    "阿拉坦",
    "毛都",
    "胡硕",
    "塔拉",
    "敖包",
    "都仁",
    "呼和",
    "锡林",
    "图门",
    "伊和",
    "萨仁",
    "那仁",
    "阿木",
    "格日勒",
]
SUFFIXES = [
    "套布",
    "花",
    "塔拉",
    "艾勒",
    "毛都",
    "敖包",
    "吐",
    "浩特",
    "宝力皋",
    "诺尔",
    "召",
    "哈达",
    "温都",
    "高勒",
]
HAN_VILLAGES = [
    "新发村",
    "太平村",
    "前进村",
    "永兴村",
    "胜利村",
    "长发村",
    "福兴村",
    "双合村",
    "东升村",
    "兴隆村",
    "五家子村",
    "三合村",
    "平安村",
    "富民村",
    "和平村",
]
COMMUNITIES = [
    "向阳社区",
    "团结社区",
    "繁荣社区",
    "民主社区",
    "文化社区",
    "友谊社区",
    "建设社区",
    "幸福社区",
    "阳光社区",
    "和谐社区",
    "光明社区",
    "振兴社区",
    "安居社区",
    "康乐社区",
    "锦绣社区",
]

BASE_KINDS = [
    "志愿土豆种植基地",
    "中心学校实践基地",
    "合作社实践基地",
    "养殖场实践基地",
    "卫生院实践基地",
    "文化广场实践基地",
]

SURNAMES = list("王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高包白韩宝乌敖吴")
GIVEN = [
    "桂兰",
    "玉梅",
    "金山",
    "宝音",
    "朝鲁",
    "乌云",
    "其其格",
    "苏和",
    "海山",
    "秀英",
    "国华",
    "志强",
    "那顺",
    "巴特尔",
    "萨仁",
    "图雅",
    "建国",
    "春生",
    "哈斯",
    "额尔敦",
]


# The banner's departments (旗直各单位) assessed beside the townships: (code, name).
DEPARTMENTS = [
    ("D01", "旗委宣传部"),
    ("D02", "旗文明办"),
    ("D03", "旗民政局"),
    ("D04", "旗卫生健康委员会"),
    ("D05", "旗农牧局"),
    ("D06", "旗司法局"),
    ("D07", "旗文化旅游体育局"),
    ("D08", "旗教育局"),
]
