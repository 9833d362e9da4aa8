"""The authorities a rule's ``basis`` may cite (GUIDANCE.md and STANDARDS.md).

Every rule names the speech, standard or editors' list it rests on; a basis that names none of
these fails to load, so that no finding reaches a user without a source.
"""

SPEECHES = {
    "县委副书记讲话": "县委副书记在全县党政办公室主任暨公文秘书培训班上的讲话",
    "找准定位": "韩学键《党委办公厅(室)要找准定位谋发展》",
    "办公室会议讲话": "党政机关办公室会议讲话稿（全县党政机关办公室总结表彰暨培训会议）",
    "县长讲话": "县长在全县政府系统办公室工作会议上的讲话",
    "全市办公室工作会讲话": "2022年在全市办公室工作会上的讲话",
}

STANDARDS = {
    "GB/T 9704-2012": "《党政机关公文格式》",
    "GB/T 15834-2011": "《标点符号用法》",
    "GB/T 15835-2011": "《出版物上数字用法》",
    "《党政机关公文处理工作条例》": "中办发〔2012〕14号",
    "《第一批异形词整理表》": "教育部、国家语委，2001",
    "《通用规范汉字表》": "国务院，2013",
    "《现代汉语词典》": "中国社会科学院语言研究所词典编辑室",
    "《咬文嚼字》": "《咬文嚼字》编辑部公布的常见别字与年度十大语文差错",
    "新华社《新闻信息报道中的禁用词和慎用词》": "新华社，2016年修订",
    "GB/T 7714-2015": "《信息与文献 参考文献著录规则》",
}


def authorities() -> tuple[str, ...]:
    return tuple(SPEECHES) + tuple(STANDARDS)


def names_authority(basis: str) -> bool:
    return any(a in basis for a in authorities())
