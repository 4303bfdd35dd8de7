/* demo_names.c — the demo district's names: the word tables (demo_names.h) and
 * how a project's name, company, credit code and project code are composed from
 * them (demo_gen_projects). Section names follow the seed speech; brands,
 * leaders and every other name are invented, describing no real company. */
#include "core/demo_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/demo_int.h"
#include "util/xalloc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Two sections deliver ahead of plan (空港, 太科办), two behind (梅村, 旅游度假区). */
const struct demo_section demo_sections[DEMO_N_SECTIONS] = {
	{ "S01", "空港经开区(硕放街道)", UNIT_SECTION, 28, 1040, 1060 },
	{ "S02", "太科办(新安街道)", UNIT_SECTION, 22, 1020, 1020 },
	{ "S03", "新加坡科创城", UNIT_SECTION, 16, 960, 960 },
	{ "S04", "梅村街道", UNIT_STREET, 12, 820, 830 },
	{ "S05", "中欧产业创新区", UNIT_SECTION, 14, 980, 990 },
	{ "S06", "旅游度假区", UNIT_SECTION, 8, 800, 820 },
};

const char *const demo_dept_codes[DD__MAX] = { "D01", "D02", "D03", "D04", "D05" };
const char *const demo_dept_names[DD__MAX] = {
	"发改委", "工信局", "住建局", "商务局", "资规分局",
};

static const char *const products_ic[] = {
	"12英寸晶圆扩产项目", "存储芯片封装测试项目", "功率半导体模块生产线项目",
	"先进封装基地项目", "半导体设备研发制造基地项目", "化合物半导体外延片项目",
	"MEMS传感器产线项目", "集成电路工艺设备扩产项目", "高端掩膜版生产项目",
	"晶圆级测试服务项目", "半导体零部件精密制造项目", NULL,
};
static const char *const products_iot[] = {
	"物联网传感器产业化项目", "智能终端研发生产项目", "工业互联网平台及数据中心项目",
	"车联网通信模组生产项目", "智算中心项目", "智能感知设备产业园项目",
	"射频识别标签生产项目", "光通信模块扩产项目", NULL,
};
static const char *const products_bio[] = {
	"生物药CDMO基地项目", "高端医疗器械产业化项目", "创新药研发生产基地项目",
	"体外诊断试剂生产项目", "医用耗材智能工厂项目", "细胞与基因治疗产业化项目",
	"高端医学影像设备项目", "原料药绿色工厂项目", NULL,
};
static const char *const products_energy[] = {
	"动力电池智能制造基地项目", "光伏组件生产项目", "储能系统集成项目",
	"锂电设备扩产项目", "氢燃料电池电堆项目", "风电轴承制造项目",
	"光伏电池片技改项目", "储能变流器生产项目", NULL,
};
static const char *const products_equip[] = {
	"工业机器人生产基地项目", "精密数控机床扩产项目", "智能装备产业园项目",
	"高端液压件生产项目", "自动化产线集成项目", "精密减速器生产项目",
	"激光加工装备项目", "智能仓储物流装备项目", NULL,
};
static const char *const products_material[] = {
	"高性能膜材料项目", "电子特气生产项目", "碳纤维复合材料项目",
	"光学薄膜项目", "高纯溅射靶材生产项目", "电子化学品项目",
	"特种工程塑料改性项目", "高端合金线材项目", NULL,
};
static const char *const products_auto[] = {
	"新能源汽车电驱系统项目", "汽车电子生产项目", "轻量化车身部件项目",
	"智能座舱模组项目", "汽车热管理系统项目", "车载激光雷达生产项目",
	"线控底盘部件项目", "燃料电池汽车零部件项目", NULL,
};
static const char *const products_infra[] = { NULL };

/* The class codes are 国民经济行业分类 major classes. */
const struct demo_industry_info demo_industries[DI__MAX] = {
	[DI_IC] = { "集成电路", "39", "半导体科技", products_ic },
	[DI_IOT] = { "物联网", "39", "物联网技术", products_iot },
	[DI_BIO] = { "生物医药", "27", "生物医药", products_bio },
	[DI_ENERGY] = { "新能源", "38", "新能源科技", products_energy },
	[DI_EQUIP] = { "高端装备", "35", "智能装备", products_equip },
	[DI_MATERIAL] = { "新材料", "26", "新材料科技", products_material },
	[DI_AUTO] = { "汽车零部件", "36", "汽车部件", products_auto },
	[DI_INFRA] = { "基础设施", "48", "", products_infra },
};

const int demo_affinity[DEMO_N_SECTIONS][DI__MAX] = {
	/* IC IOT BIO ENERGY EQUIP MATERIAL AUTO INFRA */
	{ 30, 8, 5, 10, 12, 10, 25, 0 },
	{ 25, 35, 10, 5, 10, 10, 5, 0 },
	{ 15, 10, 35, 5, 10, 20, 5, 0 },
	{ 10, 5, 5, 15, 35, 15, 15, 0 },
	{ 10, 5, 10, 35, 20, 10, 10, 0 },
	{ 5, 15, 20, 10, 15, 25, 10, 0 },
};

/* The first five are continuing; the last four start in 2024, among them the
 * two the speech names (存储半导体三期, 集成电路工艺设备). */
const struct demo_flagship demo_flagships[DEMO_N_FLAGSHIPS] = {
	{ "车规级功率芯片制造项目", DI_IC },
	{ "12英寸特色工艺晶圆项目", DI_IC },
	{ "高端动力电池智能制造基地项目", DI_ENERGY },
	{ "生物药研发生产基地项目", DI_BIO },
	{ "新能源汽车电驱系统总部基地项目", DI_AUTO },
	{ "存储半导体三期项目", DI_IC },
	{ "集成电路工艺设备产业化项目", DI_IC },
	{ "高性能电子特气项目", DI_MATERIAL },
	{ "智能物联网终端产业园项目", DI_IOT },
};

const char *const demo_brand_first[] = {
	"华", "锡", "新", "瑞", "恒", "博", "宏", "晶", "卓", "睿",
	"凯", "鼎", "泰", "盛", "联", "汇", "德", "天", "永", "嘉",
	"安", "兴", "启", "迈", "源", "信", "远", "澄", "蠡", "太",
};
const size_t demo_n_brand_first = COUNT(demo_brand_first);
const char *const demo_brand_second[] = {
	"芯", "创", "晟", "科", "达", "微", "元", "纳", "驰", "拓",
	"光", "诺", "通", "威", "智", "力", "辰", "鑫", "宇", "航",
	"峰", "程", "能", "昊", "维", "铭", "昇", "越", "舜", "湖",
};
const size_t demo_n_brand_second = COUNT(demo_brand_second);

const char *const demo_infra_places[] = {
	"长江北路", "锡兴路", "泰山路", "珠江路", "汉江路", "菱湖大道", "和风路",
	"新华路", "锡士路", "空港大道", "伯渎港", "鸿山片区", "梅村片区", "硕放片区",
	"新安片区", "科创城片区",
};
const size_t demo_n_infra_places = COUNT(demo_infra_places);
const char *const demo_infra_works[] = {
	"快速化改造工程", "综合管廊工程", "排水管网提升工程", "河道综合整治工程",
	"人才公寓项目", "邻里中心项目", "道路新建工程", "110千伏变电站工程",
	"学校新建工程", "公交枢纽工程",
};
const size_t demo_n_infra_works = COUNT(demo_infra_works);
const char *const demo_infra_owners[] = {
	"无锡新吴城市发展集团有限公司", "无锡新吴交通建设投资有限公司",
	"无锡空港开发建设有限公司", "无锡新吴水务建设有限公司",
	"无锡新吴教育发展有限公司",
};
const size_t demo_n_infra_owners = COUNT(demo_infra_owners);

const char *const demo_leaders[] = {
	"区委书记 林某某", "区长 张某某", "常务副区长 王某某", "副区长 李某某",
	"副区长 赵某某", "副区长 周某某", "区委常委 吴某某", "区委常委 郑某某",
	"区人大常委会副主任 钱某某", "区政协副主席 孙某某",
};
const size_t demo_n_leaders = COUNT(demo_leaders);

const char *const demo_progress_build[10] = {
	"场地平整，桩基施工", "桩基施工完成，基础承台施工", "地下室及基础施工",
	"主体结构施工", "主体结构施工", "主体结构封顶，钢结构吊装", "屋面及幕墙施工",
	"室内装修及机电安装", "设备进场安装调试", "收尾工程，准备竣工验收",
};
const char *const demo_progress_infra[10] = {
	"施工准备，管线迁改", "路基施工", "管网铺设", "桥梁桩基施工", "桥梁下部结构施工",
	"上部结构施工", "路面基层施工", "路面摊铺", "附属及绿化工程施工",
	"交通设施安装，准备交工验收",
};
const char *const demo_progress_upgrade[10] = {
	"设备招标采购", "设备采购合同签订", "老厂房改造施工", "厂房改造施工",
	"洁净车间装修", "设备陆续进场", "设备安装", "设备安装调试", "产线联调",
	"试运行，准备竣工验收",
};

const char *const demo_problems[] = {
	"用地指标待落实", "能耗指标待落实", "施工许可手续办理中", "资金到位不及时",
	"征地拆迁未完成", "进口设备到货延迟", "环评批复待取得", "管线迁改影响施工进度",
	"施工图审查意见待回复", "电力增容待落实", "建设单位融资进度滞后", "规划方案调整",
};
const size_t demo_n_problems = COUNT(demo_problems);

/* ---- who and what: names, companies, codes ---- */

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* GB 11714 check character of an 8-character organisation code body. */
static char org_check(const char *body)
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0, i, c;

	for (i = 0; i < 8; i++) {
		int v = body[i] >= 'A' ? body[i] - 'A' + 10 : body[i] - '0';

		sum += v * w[i];
	}
	c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

/* A valid 统一社会信用代码 of a company registered in the district (DOMAIN.md §3,
 * GB 32100-2015): 9 1 320214, an organisation code, the check character. */
static void make_uscc(struct rng *r, char out[19])
{
	int sum = 0, weight = 1, i, c;

	memcpy(out, "91320214", 8);
	if (demo_rng_chance(r, 600)) {
		out[8] = 'M';
		out[9] = 'A';
		for (i = 10; i < 16; i++)
			out[i] = uscc_alphabet[demo_rng_range(r, 0, 30)];
	} else {
		for (i = 8; i < 16; i++)
			out[i] = (char)('0' + demo_rng_range(r, i == 8 ? 3 : 0, i == 8 ? 7 : 9));
	}
	out[16] = org_check(out + 8);
	for (i = 0; i < 17; i++) {
		sum += (int)(strchr(uscc_alphabet, out[i]) - uscc_alphabet) * weight;
		weight = weight * 3 % 31;
	}
	c = 31 - sum % 31;
	out[17] = uscc_alphabet[c == 31 ? 0 : c];
	out[18] = '\0';
}

/* Names are unique: a brand (two syllables) or a place-and-work pair is used
 * once. used is a bitmap over the pairs. */
static size_t pick_pair(struct rng *r, unsigned char *used, size_t na, size_t nb,
			const char *const *a, const char *const *b)
{
	for (;;) {
		size_t i = (size_t)demo_rng_range(r, 0, (int64_t)na - 1);
		size_t j = (size_t)demo_rng_range(r, 0, (int64_t)nb - 1);

		if (used[i * nb + j] || (a && b && !strcmp(a[i], b[j])))
			continue;
		used[i * nb + j] = 1;
		return i * nb + j;
	}
}

static const char *pick_product(struct rng *r, enum demo_industry ind)
{
	const char *const *list = demo_industries[ind].products;
	size_t n = 0;

	while (list[n])
		n++;
	return list[demo_rng_range(r, 0, (int64_t)n - 1)];
}

struct names {
	unsigned char *brands, *infra;
	uint32_t serial0;
};

static void name_industrial(struct gen *g, struct names *nm, const struct plan *p,
			    struct rng *r, struct project *out)
{
	const struct demo_industry_info *ind = &demo_industries[p->industry];
	size_t k = pick_pair(&g->rng, nm->brands, demo_n_brand_first, demo_n_brand_second,
			     demo_brand_first, demo_brand_second);
	char brand[32], name[256], company[256], team[128];
	const char *what = p->group == G_PROVINCE ? demo_flagships[p->flagship].phrase
						  : pick_product(r, p->industry);
	size_t len = strlen(what), tail = strlen("项目");

	snprintf(brand, sizeof(brand), "%s%s", demo_brand_first[k / demo_n_brand_second],
		 demo_brand_second[k % demo_n_brand_second]);
	if (p->group != G_PROVINCE && demo_rng_chance(r, 120) && len > tail &&
	    !strcmp(what + len - tail, "项目"))
		snprintf(name, sizeof(name), "%s%.*s二期项目", brand, (int)(len - tail), what);
	else
		snprintf(name, sizeof(name), "%s%s", brand, what);
	/* Foreign-invested companies, more of them in 新加坡科创城 (S03). */
	if (demo_rng_chance(r, p->section == 2 ? 450 : 150))
		snprintf(company, sizeof(company), "%s%s（无锡）有限公司", brand, ind->company_word);
	else
		snprintf(company, sizeof(company), "无锡%s%s有限公司", brand, ind->company_word);
	out->name = xstrdup(name);
	out->company = xstrdup(company);
	snprintf(team, sizeof(team), "%s项目党员突击队", brand);
	if (p->group == G_PROVINCE || p->stalled || p->fate == F_LATE_BIG ||
	    p->fate == F_FAIL || (p->group == G_CITY && demo_rng_chance(r, 300)))
		out->commando = xstrdup(team);
}

static void name_infra(struct gen *g, struct names *nm, struct project *out)
{
	size_t k = pick_pair(&g->rng, nm->infra, demo_n_infra_places, demo_n_infra_works,
			     NULL, NULL);
	size_t owner = (size_t)demo_rng_range(&g->rng, 0, (int64_t)demo_n_infra_owners - 1);
	char name[256], uscc[19];
	struct rng r;

	snprintf(name, sizeof(name), "%s%s", demo_infra_places[k / demo_n_infra_works],
		 demo_infra_works[k % demo_n_infra_works]);
	out->name = xstrdup(name);
	out->company = xstrdup(demo_infra_owners[owner]);
	demo_rng_init(&r, g->seed, STREAM_OWNER(owner)); /* one code per owner */
	make_uscc(&r, uscc);
	out->uscc = xstrdup(uscc);
}

/* 挂钩领导 by tier, 责任部门 by kind, 招商主体. */
static void assign_people(const struct plan *p, struct rng *r, struct project *out)
{
	static const int lead[G__MAX][2] = {
		[G_PROVINCE] = { 0, 2 }, [G_CITY] = { 2, 6 }, [G_INFRA] = { 2, 5 },
		[G_DISTRICT] = { 3, 9 },
	};
	static const int dept_industrial[DD__MAX] = { 20, 60, 0, 15, 5 };
	static const int dept_infra[DD__MAX] = { 15, 0, 75, 0, 10 };
	int hi = lead[p->group][1] < (int)demo_n_leaders ? lead[p->group][1]
							 : (int)demo_n_leaders - 1;
	int d;

	out->leader = xstrdup(demo_leaders[demo_rng_range(r, lead[p->group][0], hi)]);
	d = p->industry == DI_INFRA ? demo_rng_weighted(r, dept_infra, DD__MAX)
				    : demo_rng_weighted(r, dept_industrial, DD__MAX);
	out->department_id = DEPT_ID(d);
	out->section_id = SECTION_ID(p->section);
	if (p->industry == DI_INFRA)
		out->attracted_by = ATTRACTED_NONE;
	else if (p->group == G_PROVINCE || demo_rng_chance(r, 550))
		out->attracted_by = ATTRACTED_DISTRICT;
	else
		out->attracted_by = ATTRACTED_STREET;
}

static bl_day cut(bl_day d, bl_day asof)
{
	return d <= asof ? d : DAY_NONE;
}

/* 项目代码 YYMM-320214-DD-TT-NNNNNN: the month of filing, the district, the
 * industry class, 01 approved (审批, government) or 03 filed (备案, enterprise). */
static void project_code(const struct plan *p, bl_day filed, uint32_t serial, char out[32])
{
	int y, m, d;

	day_to_ymd(filed, &y, &m, &d);
	snprintf(out, 32, "%02d%02d-320214-%s-%s-%06u", y % 100, m,
		 demo_industries[p->industry].gb_class, p->industry == DI_INFRA ? "01" : "03",
		 (unsigned)serial);
}

static void fill_project(struct gen *g, struct names *nm, size_t i, struct project *out)
{
	const struct plan *p = &g->plans[i];
	char buf[32], uscc[19];
	struct rng r;
	int k;

	demo_rng_init(&r, g->seed, STREAM(i, S_IDENTITY));
	project_init(out);
	out->id = (int64_t)i + 1;
	snprintf(buf, sizeof(buf), "%d-%03zu", DEMO_YEAR, i + 1);
	out->ref = xstrdup(buf);
	if (p->industry == DI_INFRA) {
		name_infra(g, nm, out);
	} else {
		name_industrial(g, nm, p, &r, out);
		make_uscc(&r, uscc);
		out->uscc = xstrdup(uscc);
	}
	out->industry = xstrdup(demo_industries[p->industry].name);
	out->industrial = p->industry != DI_INFRA;
	assign_people(p, &r, out);
	out->total_investment = p->total_wan * WAN;
	out->capacity = out->industrial ? p->capacity_wan * WAN : AMOUNT_NONE;
	out->land_mu = p->land;
	out->energy_tce = p->energy;
	out->planned_start = p->planned_start;
	out->planned_completion = p->planned_completion;
	out->planned_production = p->planned_production;
	for (k = 0; k < STAGE__MAX; k++)
		out->stage_on[k] = cut(p->on[k], g->asof);
	out->land_on = cut(p->land_on, g->asof);
	out->permit_on = cut(p->permit_on, g->asof);
	demo_place(g->seed, i, p->section, &out->lng, &out->lat);
	if (out->stage_on[STAGE_FILED] != DAY_NONE) {
		/* A code is given at filing; 7919 is prime to 900000, so no two clash. */
		project_code(p, out->stage_on[STAGE_FILED],
			     100000 + (nm->serial0 + (uint32_t)i * 7919u) % 900000, buf);
		out->code = xstrdup(buf);
	}
}

static void fill_listing(const struct plan *p, size_t i, struct listing *l)
{
	int m;

	memset(l, 0, sizeof(*l));
	l->project_id = (int64_t)i + 1;
	l->year = DEMO_YEAR;
	l->tiers = p->tiers;
	l->annual_plan = p->annual_wan * WAN;
	l->has_month_plan = p->has_month_plan;
	for (m = 0; m < 12; m++)
		l->month_plan[m] = p->has_month_plan ? p->month_wan[m] * WAN : 0;
}

void demo_gen_projects(struct gen *g)
{
	struct demo_data *d = g->out;
	struct names nm;
	size_t i;

	nm.brands = xcalloc(demo_n_brand_first * demo_n_brand_second, 1);
	nm.infra = xcalloc(demo_n_infra_places * demo_n_infra_works, 1);
	nm.serial0 = (uint32_t)demo_rng_range(&g->rng, 0, 899999);
	d->projects = xcalloc(g->n, sizeof(*d->projects));
	d->listings = xcalloc(g->n, sizeof(*d->listings));
	for (i = 0; i < g->n; i++) {
		fill_project(g, &nm, i, &d->projects[i]);
		fill_listing(&g->plans[i], i, &d->listings[i]);
	}
	d->n_projects = d->n_listings = g->n;
	free(nm.brands);
	free(nm.infra);
}
