"""Generic Chinese lexical resources for finding people in news text (no corpus content here)."""
from __future__ import annotations

import re

# Common single-character surnames (the most frequent few hundred) and compound surnames.
SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由代税蹇旷铁竺仉喇"
    # Common surnames that are not also the first character of everyday words (东, 水, 山, 家, 红 are left out).
    "傅萧洪赖阎贝鄂钮荀宓隗濮庾邴糜蓟郦巢滑凤"
)
SURNAMES_2 = {
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "澹台", "公冶", "太史", "申屠", "端木", "独孤", "南宫", "西门",
}

# Words that end an official's title; longest first so "副局长" wins over "局长".
TITLE_SUFFIXES = sorted(
    {
        "局长", "副局长", "处长", "副处长", "科长", "主任", "副主任", "书记", "副书记", "董事长",
        "副董事长", "总经理", "副总经理", "经理", "县长", "副县长", "市长", "副市长", "区长", "副区长",
        "镇长", "乡长", "村长", "部长", "副部长", "厅长", "副厅长", "主席", "副主席", "院长", "副院长",
        "校长", "副校长", "所长", "会长", "社长", "行长", "总裁", "总监", "秘书长", "理事长", "委员",
        "常委", "负责人", "主编", "总编辑", "站长", "馆长", "队长", "团长", "主管", "专员", "巡视员",
        "调研员", "检察长", "庭长", "教授", "研究员", "工程师", "董事", "监事", "参事", "发言人",
        "州长", "省长", "副省长", "司长", "署长", "关长", "台长", "园长", "组长", "指挥长", "支书", "政委",
        "首席专家", "专家", "主委", "副主委", "医生", "律师", "代表", "创始人", "合伙人", "总工程师", "党组成员",
        "助理", "厂长", "班长", "店长", "老师", "教师", "干部", "民警", "村民", "居民", "志愿者", "网格员",
        "经营户", "种植户", "养殖户", "讲解员", "主任医师", "护士长", "总经济师", "总会计师", "秘书",
        "辅导员", "指导员", "院士", "博士", "技术员", "工人", "职工", "农民", "船长", "机长", "书记员",
        "审计长", "督学", "监察员", "审判员", "检察官", "法官", "警官", "大队长", "支队长", "中队长",
        # People who are not officials but are quoted by role ("渔民刘某", "店主田某"): a role before the name.
        "渔民", "店主", "摊主", "商户", "老板", "游客", "司机", "车主", "业主", "果农", "菜农", "茶农", "农户", "村医",
        "市民", "大户", "家长", "乘客", "住户", "租户", "顾客", "房东", "快递员", "外卖员", "骑手", "患者", "船员", "保安",
        "环卫工", "店员", "厨师", "户主", "承包人", "带头人", "经营者", "传承人", "劳动模范", "劳模", "邻居", "老邻居", "施工员",
        "领班", "工头", "主播", "队员",
        # Guests of a programme named by their part in it ("特约评论员某某：").
        "评论员", "观察员", "评委", "顾问", "讲师", "学者",
        # Growers named by their crop (the common X农 of rural reports).
        "花农", "蔗农", "藕农", "瓜农", "棉农", "蚕农", "菇农", "桑农", "烟农", "药农", "稻农", "椒农", "粮农", "林农",
    },
    key=len,
    reverse=True,
)
# The title words as one alternation for a pattern, longest first ("副局长" is tried before "局长").
TITLE_ALTERNATION = "|".join(map(re.escape, TITLE_SUFFIXES))

# Verbs that introduce what a person said or thought.
SPEECH_VERBS = sorted(
    {
        "表示", "认为", "介绍", "透露", "说", "指出", "强调", "看来", "称", "坦言", "谈到", "提到",
        "提出", "建议", "告诉", "解释", "补充", "回答", "回忆", "感慨", "直言", "坦承", "呼吁",
        "希望", "要求", "分析", "说明", "总结", "发言", "谈及", "表态", "讲到", "说道", "举例",
        "作了说明", "做了说明", "作了介绍", "做了介绍", "表达", "提醒", "期待", "相信", "预计",
        "笑言", "感叹", "介绍说", "告诉记者", "眼中", "眼里", "心中", "谈道", "讲道", "写道", "描述",
        "展望", "透露说", "表示说", "承诺", "宣布", "阐述", "解读", "道出", "回应", "答复", "补充说", "介绍道", "汇报", "通报",
        "反映", "插话", "接话", "接过话茬", "接过话头", "打开了话匣子", "打开话匣子", "算了一笔账", "算了笔账", "算起了账",
        # written instructions on a report ("县长某某批示：…")
        "批示", "指示", "批注",
    },
    key=len,
    reverse=True,
)

# What may stand between a name and its verb ("张三则认为", "李四一一作了说明", "王五还将…").
NAME_FOLLOWERS = sorted(
    {"则", "还", "也", "又", "就", "都", "对", "在", "将", "同时", "一一", "等", "向", "更", "进一步", "首先", "特别", "再次",
     "对此", "近日", "日前", "此前", "随后", "纷纷", "先后", "相继", "一致", "普遍", "分别", "今天", "昨天", "曾", "曾经", "多次", "一再", "反复", "亦", "却", "便", "才",
     "已", "已经", "均", "再", "专门", "明确", "郑重", "笑着", "坦率地", "动情地", "感慨地", "深有感触地", "接着", "最后", "一边",
     "同志"},
    key=len,
    reverse=True,
)
# Followers that make a person the subject without a speech verb ("张三还将目光投向…"); prepositions
# such as 对/向/在/等 are left out because "张三等人出席" or "向张三汇报" do not make them speak.
SUBJECT_ADVERBS = ("则", "还", "也", "又", "就", "都", "将", "同时", "更", "进一步", "首先", "特别", "再次", "已经", "已",
                   "曾经", "曾", "一直", "始终", "亦", "却", "便", "才", "均", "再", "专门", "多次", "一再")
# "张三在会上表示", "张三在接受采访时说": a circumstance between a name and its verb.
CIRCUMSTANCE_HEADS = ("在", "于", "接受")
CIRCUMSTANCE_TAILS = ("上", "中", "时", "期间", "之际", "现场", "采访", "专访")

PRONOUNS = ("他们", "她们", "他", "她", "其")
PRONOUN_GENDER = {"他": "m", "她": "f", "其": ""}

# Clause-opening words that put a person in subject position without being part of the title.
SUBJECT_OPENERS = ("对于此", "对此", "会上", "随后", "同时", "此外", "另外", "其中", "近日", "日前", "今年", "目前",
                   "在", "据", "而")

# A first clause that only sets the topic ("对于这个问题，他表示"): the subject comes after it.
TOPIC_OPENERS = ("对于", "关于", "针对", "谈到", "谈及", "说到", "提到", "至于", "面对", "围绕", "就", "对", "在")

# Subjects that are a group, never one named speaker; they count only right before a speech verb,
# so "市民政局局长" is a title, not "市民".
COLLECTIVE_MARKERS = ("与会人员", "与会者", "与会代表", "与会专家", "与会嘉宾", "参会人员", "代表们", "专家们", "委员们",
                      "大家", "许多人", "不少人", "很多人", "人们", "有关人士", "业内人士", "知情人士", "相关人士", "群众",
                      "市民", "居民", "村民", "网友", "受访者", "企业家", "游客", "家长", "学生", "各方", "有关方面")
# Words before a group subject: "许多与会人员认为", "当地村民表示".
COLLECTIVE_MODIFIERS = ("与会", "参会", "绝大多数", "大部分", "大多数", "许多", "不少", "很多", "一些", "部分", "多位", "多名", "众多", "多数",
                        "有的", "各位", "当地", "周边", "附近", "现场", "在场", "广大", "一位", "一名", "该", "这位", "相关",
                        "有关", "不少的")
# Adverbs that say several people did something; never a name, though some start with a surname.
GROUP_ADVERBS = ("纷纷", "先后", "相继", "一致", "普遍", "分别", "共同", "均")

# Sentence openers where the reporter, not a source, is talking.
REPORTER_SUBJECTS = ("本报记者", "记者", "笔者")
NARRATION_OPENERS = ("据了解", "据悉", "据统计", "据不完全统计", "记者了解到", "记者获悉", "记者注意到", "记者从")
# Words inside what would be a title that show the person is an object of the clause
# ("记者采访了市水务局局长张三"): the person is known but not speaking here.
OBJECT_MARKERS = ("了", "采访", "会见", "陪同", "看望", "慰问", "邀请", "请到", "请来", "专访", "走访", "询问", "拜访",
                  "跟随", "找到", "见到", "遇到", "来到", "听取", "走进")
# Prepositions that may open what follows a name ("张三结合…", "张三代表…", "张三就…答记者问"); conjunctions
# are left out, since "张三和李四" is a list.
COVERBS = ("就", "围绕", "针对", "结合", "关于", "对", "代表", "向", "从", "为", "把", "给", "按照", "根据", "通过", "聚焦",
           "立足", "面向", "面对", "在", "用", "将")
# The keys of a government portal's public-information table ("索引号：…", "主题分类：…", "发布机构：…"): fields of
# the page, never its title or its text.
PORTAL_FIELDS = ("索引号", "主题分类", "发布机构", "发文机关", "成文日期", "生成日期", "发布日期", "有效性", "体裁分类")
