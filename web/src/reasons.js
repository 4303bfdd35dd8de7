// reasons.js — the importer's problem reasons (English sentences from
// src/io/parse.c, src/io/import*.c, src/core/codes.c, model.c, targets.c) in Chinese for the
// zh-CN UI. A reason not in the table is shown as the server wrote it.
const EXACT = {
  'a day, not a month': '应为月份，不应是具体日期',
  'empty': '为空',
  'invalid character': '含有非法字符',
  'lowercase letters (use uppercase)': '含小写字母（应为大写）',
  'misplaced thousands separator': '千位分隔符位置错误',
  'more than 2 decimals in a percent': '百分数小数位超过 2 位',
  'no such day': '日期不存在',
  'no such month': '月份不存在',
  'not 18 characters': '不是 18 位',
  'not a date': '不是日期',
  'not a month': '不是月份',
  'not a number': '不是数字',
  'not a whole number': '不是整数',
  'not a year': '不是年份',
  'out of range': '超出范围',
  'too long': '过长',
  'year out of range (1900-2999)': '年份超出范围（1900—2999）',
  'not yes or no (是/否)': '应为“是”或“否”',
  'not a tier (省/市/区 or province/city/district)': '层级应为省/市/区',
  'not in the form YYMM-RRRRRR-DD-TT-NNNNNN': '格式应为 YYMM-RRRRRR-DD-TT-NNNNNN',
  'month in YYMM is not 01-12': '代码中的月份不在 01—12',
  'must not be negative': '不能为负数',
  'required, but blank': '必填，但为空',
  'required column is missing': '缺少必填列',
  'the column appears twice': '该列重复出现',
  'the file is empty: no header row': '文件为空：没有表头行',
  'the parents form a loop': '上级单位形成循环',
  'holds a control character or line break': '含有控制字符或换行',
  'no unit has this code or name': '没有此代码或名称的单位',
  'no project has this ref (import projects first)': '没有此编号的项目（请先导入项目）',
  'several units have this name; use the unit code': '有多个同名单位，请填写单位代码',
  'blank, but tiers or an annual plan are given': '为空，但填写了层级或年度计划',
  'not 区级 (district) or 街道 (street)': '应为“区级”或“街道”',
  'out of range: more than 100000000000 万元 (10^15 yuan)': '超出范围：不能超过 1000 万亿元（10^15 元）',
  'out of range: more than 100000000000': '超出范围：不能超过 1000 亿',
  'month out of range (2000-01 to 2099-12)': '月份超出范围（2000-01—2099-12）',
  'a rate from 0 to 100%': '比率应在 0—100% 之间',
  'a growth rate from -100% to 100%': '增速应在 -100%—100% 之间',
  'a count from 0 to 1000000': '数量应在 0—1000000 之间',
};

const PATTERNS = [
  [/^more than (\d+) decimals?$/, (m) => `小数位超过 ${m[1]} 位`],
  [/^repeats row (\d+) of this file$/, (m) => `与本文件第 ${m[1]} 行重复`],
  [/^longer than (\d+) bytes$/, (m) => `超过 ${m[1]} 字节`],
  [/^not in the target's year (\d+)$/, (m) => `不在目标年度 ${m[1]} 内`],
  [/^wrong check character \(expected (.)\)$/, (m) => `校验位错误（应为 ${m[1]}）`],
  [/^unknown column/, () => '无法识别的列（可在命令行用 --ignore-unknown 跳过）'],
  [/^later than the (\w+) \((.+?)\) date (\S+): stage dates never go backwards$/,
    (m) => `晚于${m[2]}日期 ${m[3]}：各阶段日期不能倒序`],
  [/^the month-by-month plan adds up to (\d+) yuan, not the annual plan \((\d+) yuan\)$/,
    (m) => `分月计划合计 ${m[1]} 元，不等于年度计划 ${m[2]} 元`],
  [/^is a (\w+) \((.+?)\), not the kind of unit this column takes$/,
    (m) => `是${m[2]}，不是此列要求的单位类型`],
  [/^not a measure/, () => '不是可识别的指标（如 start_rate 或 开工率）'],
  [/^a target has one tier/, () => '目标只能有一个层级，或留空表示全部'],
  [/^not one of city 市/, () => '类型应为 市/区/板块/街道/部门'],
  [/^no unit has this code, in the database or/, () => '数据库和本文件中都没有此代码的单位'],
];

// The Chinese of an importer reason, or the reason itself when unknown.
export function reasonZh(message) {
  if (!message) return message;
  if (EXACT[message]) return EXACT[message];
  for (const [re, f] of PATTERNS) {
    const m = re.exec(message);
    if (m) return f(m);
  }
  return message;
}
