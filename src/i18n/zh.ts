/** 中文消息目录。Placeholders are {{name}}; en.ts must have the same keys and placeholders. */
export const zh = {
  // parse
  'parse.empty': '文件为空：没有任何报告内容',
  'parse.notUtf8': '文件不是 UTF-8 编码（第 {{line}} 行有无法识别的字节），很可能是 GB18030/GBK：请在编辑器中“另存为 UTF-8”后再检查',
  'parse.aliasBomb': '别名（*alias）展开过多，疑似“别名炸弹”，已停止读取此文件',
  'parse.tooDeep': '嵌套层级过深，无法读取此文件',
  'parse.json': 'JSON 语法错误：{{detail}}',
  'parse.DUPLICATE_KEY': '键 {{key}} 重复出现：同一层级的每个键只能出现一次',
  'parse.TAB_AS_INDENT': '不能用 Tab 键缩进，请改用空格',
  'parse.MULTIPLE_DOCS': '一个文件只能包含一份报告（发现了多个 YAML 文档）',
  'parse.TAG_RESOLVE_FAILED': '无法识别的 YAML 标签：{{detail}}',
  'parse.other': 'YAML 语法错误（{{code}}）：{{detail}}',
  // schema
  'schema.type': '{{cell}}：应为{{expected}}，实为 {{actual}}',
  'schema.required': '{{cell}}：缺少 {{key}}（{{label}}）',
  'schema.unknownKey': '{{cell}}：不应有键 {{key}}',
  'schema.unknownKeySuggest': '{{cell}}：不应有键 {{key}}，是否应为 {{suggestion}}（{{label}}）？',
  'schema.unknownKeyTemplate': '{{cell}}：{{key}} 不属于 {{template}} 格式',
  'schema.template': '年报格式 template：应为 2019 或 2021，实为 {{actual}}',
  'schema.templateMissing': '缺少 template（年报格式）：应为 2019 或 2021，无法确定按哪一种格式检查',
  'schema.format': '{{cell}}：应为 YYYY-MM-DD 格式的有效日期，实为 {{actual}}',
  'schema.root': '整个文件应为一份报告（键: 值 的映射），实为 {{actual}}',
  // value kinds used by schema.type
  'kind.count': '非负整数',
  'kind.change': '整数（可为负数）',
  'kind.money': '不小于 0 的金额（万元，最多 4 位小数）',
  'kind.text': '非空文本',
  'kind.year': '不早于 2008 的整数年份',
  'kind.mapping': '映射（键: 值）',
  'kind.string': '文本',
  'kind.value': '有效值',
  'value.null': '空值',
  'value.mapping': '映射',
  'value.list': '列表',
  'value.binary': '二进制数据',
  // rules
  'row-total.mismatch': '{{cell}}：填报 {{actual}}，按各类申请人相加应为 {{expected}}（{{addends}}）',
  'outcome-total.mismatch': '{{cell}}：填报 {{actual}}，按各项办理结果相加应为 {{expected}}（{{addends}}）',
  'balance.mismatch': '{{cell}}：填报 {{actual}}，按勾稽关系（第一项加第二项之和，等于第三项加第四项之和）应为 {{expected}}（{{addends}}）',
  'appeal-total.mismatch': '{{cell}}：填报 {{actual}}，按各项结果相加应为 {{expected}}（{{addends}}）',
  'template-year.tooEarly': '报告年度 {{year}} 早于两种官方年报格式（2019 年起施行）',
  'template-year.wrongTemplate': '年报格式 template: {{template}} 适用于{{range}}，本报告年度为 {{year}}，应为 template: {{expectedTemplate}}',
  'range.2019': ' 2019、2020 年度',
  'range.2021': ' 2021 年度及以后',
  // output
  'stylish.summary': '{{problems}} 个问题（{{errors}} 个错误，{{warnings}} 个警告）',
  'stylish.clean': '已检查 {{files}} 个文件，没有发现问题',
  'severity.error': '错误',
  'severity.warning': '警告',
} as const;

export type MessageKey = keyof typeof zh;
