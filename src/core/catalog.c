/*
 * catalog.c: the indicator catalog and agency vocabulary as data.
 *
 * Sources: Government Resolution 28/NQ-CP (03/3/2021) for the 20 national
 * indicators and their 2030 targets; local indicators as commune plans word
 * them.  See docs/indicators.md for the reasoning behind each aggregation.
 */
#include "catalog.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/i18n.h"

#include "util/banned.h"

#define PCT "%"
#define T2(a, b) {TIME_##a, TIME_##b}
#define NAT(dir, v) .has_national = true, .national_dir = DIR_##dir, .national_value = (v), .national_year = 2030
#define N25(v) .has_national_2025 = true, .national_2025 = (v)
#define END .end_state = true

static const struct indicator builtin[] = {
	/* ---- Goal 1: politics ---- */
	{"female_key_leaders", GOAL_POLITICS,
	 "Tỷ lệ cơ quan, đơn vị có lãnh đạo chủ chốt là nữ",
	 "Agencies with a female key leader",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số cơ quan, đơn vị có lãnh đạo chủ chốt là nữ", "Tổng số cơ quan, đơn vị"},
	 {"Agencies with a female key leader", "Agencies"},
	 false, SRC_REPORTED, NAT(AT_LEAST, 75), N25(60)},
	/* ---- Goal 2: economy and labour ---- */
	{"female_wage_workers", GOAL_ECONOMY,
	 "Tỷ lệ lao động nữ làm công hưởng lương",
	 "Female wage workers among employed women",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số lao động nữ làm công hưởng lương", "Tổng số lao động nữ có việc làm"},
	 {"Female wage workers", "Employed women"},
	 false, SRC_REPORTED, NAT(AT_LEAST, 60), N25(50)},
	{"female_agri_share", GOAL_ECONOMY,
	 "Tỷ trọng lao động nữ làm việc trong khu vực nông nghiệp",
	 "Share of employed women working in agriculture",
	 PCT, POL_LOWER, IND_RATIO, 100, false, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số lao động nữ làm việc trong nông nghiệp", "Tổng số lao động nữ có việc làm"},
	 {"Women employed in agriculture", "Employed women"},
	 false, SRC_REPORTED, NAT(AT_MOST, 25), N25(30)},
	{"female_business_leaders", GOAL_ECONOMY,
	 "Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã",
	 "Women among directors and owners of enterprises and cooperatives",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số nữ giám đốc/chủ doanh nghiệp, hợp tác xã", "Tổng số giám đốc/chủ doanh nghiệp, hợp tác xã"},
	 {"Female directors or owners", "All directors or owners"},
	 false, SRC_REPORTED, NAT(AT_LEAST, 30), N25(27)},
	/* ---- Goal 3: family life and gender-based violence ---- */
	{"unpaid_care_ratio", GOAL_FAMILY,
	 "Số giờ làm công việc nhà không được trả công của nữ so với nam",
	 "Women's unpaid domestic work hours relative to men's",
	 "ratio", POL_LOWER, IND_VALUE, 1, false, false, SPACE_NONE, T2(MEAN, MEAN),
	 {"Số lần (giờ của nữ / giờ của nam)", NULL},
	 {"Times (women's hours / men's hours)", NULL},
	 false, SRC_REPORTED, NAT(AT_MOST, 1.4), N25(1.7)},
	{"dv_victims_supported", GOAL_FAMILY,
	 "Tỷ lệ người bị bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản",
	 "Detected victims of domestic or gender-based violence reaching at least one basic support service",
	 PCT, POL_HIGHER, IND_RATIO, 100, true, true, SPACE_SUM, T2(SUM, SUM),
	 {"Số người bị bạo lực được tiếp cận dịch vụ hỗ trợ", "Số người bị bạo lực được phát hiện"},
	 {"Victims reaching a support service", "Detected victims"},
	 false, SRC_REGISTER, NAT(AT_LEAST, 90), N25(80)},
	{"dv_perpetrators_counseled", GOAL_FAMILY,
	 "Tỷ lệ người gây bạo lực được phát hiện được tư vấn, tham vấn",
	 "Detected perpetrators who received counselling",
	 PCT, POL_HIGHER, IND_RATIO, 100, true, true, SPACE_SUM, T2(SUM, SUM),
	 {"Số người gây bạo lực được tư vấn, tham vấn", "Số người gây bạo lực được phát hiện (chưa bị truy cứu hình sự)"},
	 {"Perpetrators counselled", "Detected perpetrators not prosecuted"},
	 false, SRC_REGISTER, NAT(AT_LEAST, 70), N25(50)},
	{"trafficking_returnees_supported", GOAL_FAMILY,
	 "Tỷ lệ nạn nhân bị mua bán trở về có nhu cầu được hỗ trợ",
	 "Returned trafficking victims in need who were supported",
	 PCT, POL_HIGHER, IND_RATIO, 100, true, true, SPACE_SUM, T2(SUM, SUM),
	 {"Số nạn nhân được hỗ trợ", "Số nạn nhân trở về có nhu cầu hỗ trợ"},
	 {"Victims supported", "Returned victims in need"},
	 false, SRC_REGISTER, NAT(AT_LEAST, 100), N25(100), END},
	{"social_assistance_gbv", GOAL_FAMILY,
	 "Tỷ lệ cơ sở trợ giúp xã hội công lập triển khai hoạt động về bạo lực trên cơ sở giới",
	 "Public social assistance facilities with gender-based violence activities",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số cơ sở có hoạt động phòng ngừa, ứng phó bạo lực", "Tổng số cơ sở trợ giúp xã hội công lập"},
	 {"Facilities with such activities", "Public facilities"},
	 false, SRC_REPORTED, NAT(AT_LEAST, 100), N25(70), END},
	/* ---- Goal 4: health ---- */
	{"sex_ratio_at_birth", GOAL_HEALTH,
	 "Tỷ số giới tính khi sinh",
	 "Sex ratio at birth",
	 "boys_per_100_girls", POL_LOWER, IND_RATIO, 100, false, false, SPACE_SUM, T2(SUM, SUM),
	 {"Số bé trai sinh ra sống", "Số bé gái sinh ra sống"},
	 {"Boys born alive", "Girls born alive"},
	 false, SRC_REPORTED, NAT(AT_MOST, 109), N25(111)},
	{"maternal_mortality", GOAL_HEALTH,
	 "Tỷ số tử vong bà mẹ liên quan đến thai sản",
	 "Maternal mortality ratio",
	 "per_100k_live_births", POL_LOWER, IND_RATIO, 100000, false, false, SPACE_SUM, T2(SUM, SUM),
	 {"Số bà mẹ tử vong liên quan đến thai sản", "Số trẻ đẻ ra sống"},
	 {"Maternal deaths", "Live births"},
	 false, SRC_REPORTED, .has_national = false, N25(42)},
	{"adolescent_birth_rate", GOAL_HEALTH,
	 "Tỷ suất sinh ở vị thành niên",
	 "Adolescent birth rate",
	 "per_1000_women", POL_LOWER, IND_RATIO, 1000, false, false, SPACE_SUM, T2(SUM, LAST),
	 {"Số trẻ sinh ra của phụ nữ 15-19 tuổi", "Số phụ nữ 15-19 tuổi"},
	 {"Births to women aged 15-19", "Women aged 15-19"},
	 false, SRC_REPORTED, .has_national = false},
	/* ---- Goal 5: education and training ---- */
	{"gender_in_curriculum", GOAL_EDUCATION,
	 "Nội dung về giới, bình đẳng giới được đưa vào chương trình giảng dạy",
	 "Gender equality content in the curriculum",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số trường có giảng dạy nội dung về giới", "Tổng số trường"},
	 {"Schools teaching gender content", "Schools"},
	 false, SRC_REPORTED, .has_national = true, .national_dir = DIR_ACHIEVE, .national_year = 2030, END},
	{"primary_completion", GOAL_EDUCATION,
	 "Tỷ lệ hoàn thành giáo dục tiểu học",
	 "Primary school completion rate",
	 PCT, POL_HIGHER, IND_RATIO, 100, true, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số học sinh hoàn thành tiểu học", "Số học sinh trong độ tuổi"},
	 {"Pupils completing primary school", "Pupils of the cohort"},
	 false, SRC_REPORTED, .has_national = false},
	{"lower_secondary_completion", GOAL_EDUCATION,
	 "Tỷ lệ hoàn thành cấp trung học cơ sở",
	 "Lower secondary completion rate",
	 PCT, POL_HIGHER, IND_RATIO, 100, true, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số học sinh hoàn thành trung học cơ sở", "Số học sinh trong độ tuổi"},
	 {"Pupils completing lower secondary school", "Pupils of the cohort"},
	 false, SRC_REPORTED, .has_national = false},
	{"female_vocational_enrolment", GOAL_EDUCATION,
	 "Tỷ lệ nữ học viên được tuyển mới thuộc hệ thống giáo dục nghề nghiệp",
	 "Women among new vocational students",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(SUM, SUM),
	 {"Số nữ học viên tuyển mới", "Tổng số học viên tuyển mới"},
	 {"New female students", "New students"},
	 false, SRC_REPORTED, .has_national = false},
	{"female_masters", GOAL_EDUCATION,
	 "Tỷ lệ nữ thạc sĩ trong tổng số người có trình độ thạc sĩ",
	 "Women among master's degree holders",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số nữ thạc sĩ", "Tổng số thạc sĩ"},
	 {"Female master's holders", "All master's holders"},
	 false, SRC_REPORTED, .has_national = false},
	{"female_doctorates", GOAL_EDUCATION,
	 "Tỷ lệ nữ tiến sĩ trong tổng số người có trình độ tiến sĩ",
	 "Women among doctorate holders",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số nữ tiến sĩ", "Tổng số tiến sĩ"},
	 {"Female doctorate holders", "All doctorate holders"},
	 false, SRC_REPORTED, .has_national = false},
	/* ---- Goal 6: information and communication ---- */
	{"gender_knowledge_access", GOAL_COMMUNICATION,
	 "Tỷ lệ dân số được tiếp cận kiến thức cơ bản về bình đẳng giới",
	 "Population reached with basic knowledge of gender equality",
	 PCT, POL_HIGHER, IND_RATIO, 100, true, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số người được tiếp cận kiến thức về bình đẳng giới", "Dân số"},
	 {"People reached", "Population"},
	 false, SRC_REPORTED, NAT(AT_LEAST, 80), N25(60)},
	{"orgs_informed", GOAL_COMMUNICATION,
	 "Tỷ lệ tổ chức Đảng, chính quyền, ban, ngành, đoàn thể được phổ biến, cập nhật thông tin về bình đẳng giới",
	 "Party, government and mass organisations informed about gender equality",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số tổ chức được phổ biến thông tin", "Tổng số tổ chức"},
	 {"Organisations informed", "Organisations"},
	 false, SRC_REPORTED, NAT(AT_LEAST, 100), N25(100), END},
	{"news_items_per_quarter", GOAL_COMMUNICATION,
	 "Số tin, bài về bình đẳng giới trên hệ thống thông tin cơ sở mỗi quý",
	 "News items on gender equality in local media per quarter",
	 "items_per_quarter", POL_HIGHER, IND_VALUE, 1, false, false, SPACE_MEAN, T2(MEAN, MEAN),
	 {"Số tin, bài trong quý", NULL},
	 {"Items published in the quarter", NULL},
	 false, SRC_REPORTED, NAT(AT_LEAST, 4), N25(4)},
	{"monthly_programs", GOAL_COMMUNICATION,
	 "Chuyên mục, chuyên đề nâng cao nhận thức về bình đẳng giới hàng tháng",
	 "Months with a gender equality programme on local broadcasting",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(SUM, SUM),
	 {"Số tháng có chuyên mục, chuyên đề", "Số tháng"},
	 {"Months with a programme", "Months"},
	 false, SRC_REPORTED, .has_national = true, .national_dir = DIR_ACHIEVE, .national_year = 2030, END},
	/* ---- Local indicators seen in commune plans ---- */
	{"primary_enrolment", GOAL_EDUCATION,
	 "Tỷ lệ trẻ em đúng độ tuổi ra lớp tiểu học",
	 "Children of primary school age enrolled",
	 PCT, POL_HIGHER, IND_RATIO, 100, true, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số trẻ đúng độ tuổi ra lớp", "Số trẻ trong độ tuổi tiểu học"},
	 {"Children enrolled", "Children of primary school age"},
	 true, SRC_REPORTED, .has_national = false},
	{"schools_gender_extracurricular", GOAL_EDUCATION,
	 "Tỷ lệ trường học lồng ghép nội dung giới trong hoạt động ngoại khóa",
	 "Schools integrating gender content in extracurricular activities",
	 PCT, POL_HIGHER, IND_RATIO, 100, false, true, SPACE_SUM, T2(LAST, LAST),
	 {"Số trường có lồng ghép", "Tổng số trường"},
	 {"Schools integrating it", "Schools"},
	 true, SRC_REPORTED, .has_national = false, END},
};

const size_t catalog_builtin = sizeof(builtin) / sizeof(builtin[0]);
_Atomic(const struct indicator *) catalog = builtin;
_Atomic size_t catalog_total = sizeof(builtin) / sizeof(builtin[0]);
_Thread_local size_t catalog_pin;

bool national_target_for(const struct indicator *ind, int year, enum direction *dir, double *value)
{
	if (!ind->has_national || ind->national_dir == DIR_ACHIEVE)
		return false;
	*dir = ind->national_dir;
	if (year >= ind->national_year) {
		*value = ind->national_value;
		return true;
	}
	if (!ind->has_national_2025)
		return false;
	if (year <= 2025) {
		*value = ind->national_2025;
		return true;
	}
	*value = ind->national_2025 +
		 (ind->national_value - ind->national_2025) * (year - 2025) / (ind->national_year - 2025);
	return true;
}

/* Look-up by id: an open-addressing table from an id's hash to its index,
 * built at the first look-up (pthread_once) and then only read, by any
 * number of threads without a lock (the value loader calls it once per
 * stored row, about a million times).  The table says how many entries it
 * covers, and readers reach it through an atomic pointer: a catalog that
 * grows at run time can build a larger table and publish it with a
 * release store, leaving the old one readable by the threads that hold it.
 * Without memory for the table, look-ups walk the catalog. */
struct id_index {
	const struct id_index *prev; /* replaced by this one, kept for its readers */
	size_t n;          /* entries indexed: catalog[0..n) */
	size_t mask;       /* slots - 1; slots is a power of two >= 2n */
	uint32_t slot[];   /* catalog index + 1, 0 for an empty slot */
};

static _Atomic(const struct id_index *) id_index;
static pthread_once_t id_index_once = PTHREAD_ONCE_INIT;

static struct id_index *id_index_build(const struct indicator *cat, size_t n)
{
	size_t slots = 8, i;
	struct id_index *ix;

	while (slots < 2 * n)
		slots *= 2;
	ix = calloc(1, sizeof(*ix) + slots * sizeof(ix->slot[0]));
	if (!ix)
		return NULL;
	ix->n = n;
	ix->mask = slots - 1;
	for (i = 0; i < n; i++) {
		size_t j = hash_str(cat[i].id) & ix->mask;

		while (ix->slot[j])
			j = (j + 1) & ix->mask;
		ix->slot[j] = (uint32_t)(i + 1);
	}
	return ix;
}

static void id_index_init(void)
{
	atomic_store_explicit(&id_index, id_index_build(catalog, catalog_total), memory_order_release);
}

int catalog_find(const char *id)
{
	const struct id_index *ix;
	size_t i, n = catalog_n();

	if (!id)
		return -1;
	pthread_once(&id_index_once, id_index_init);
	ix = atomic_load_explicit(&id_index, memory_order_acquire);
	if (ix) {
		for (i = hash_str(id) & ix->mask; ix->slot[i]; i = (i + 1) & ix->mask) {
			size_t k = ix->slot[i] - 1;

			if (strcmp(catalog[k].id, id) == 0)
				return k < n ? (int)k : -1;
		}
	}
	/* the entries added since the table was built (or all, without one) */
	for (i = ix ? ix->n : 0; i < n; i++) {
		if (strcmp(catalog[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

void catalog_reindex(void)
{
	struct id_index *ix;

	pthread_once(&id_index_once, id_index_init);
	ix = id_index_build(catalog, catalog_total);
	if (!ix)
		return; /* look-ups walk the entries the old table lacks */
	ix->prev = atomic_load_explicit(&id_index, memory_order_acquire);
	atomic_store_explicit(&id_index, ix, memory_order_release);
}

static const char *const goal_ids[GOAL_COUNT] = {
	"politics", "economy", "family", "health", "education", "communication",
};

static const char *const goal_vi[GOAL_COUNT] = {
	"Mục tiêu 1: Lĩnh vực chính trị",
	"Mục tiêu 2: Lĩnh vực kinh tế, lao động",
	"Mục tiêu 3: Đời sống gia đình và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
	"Mục tiêu 4: Lĩnh vực y tế",
	"Mục tiêu 5: Lĩnh vực giáo dục, đào tạo",
	"Mục tiêu 6: Lĩnh vực thông tin, truyền thông",
};

static const char *const goal_en[GOAL_COUNT] = {
	"Goal 1: Politics",
	"Goal 2: Economy and labour",
	"Goal 3: Family life and gender-based violence",
	"Goal 4: Health",
	"Goal 5: Education and training",
	"Goal 6: Information and communication",
};

const char *goal_id(enum goal g)
{
	return (unsigned)g < GOAL_COUNT ? goal_ids[g] : "?";
}

int goal_parse(const char *s)
{
	int g;

	for (g = 0; s && g < GOAL_COUNT; g++) {
		if (strcmp(goal_ids[g], s) == 0)
			return g;
	}
	return -1;
}

const char *goal_name(enum goal g, int lang)
{
	if ((unsigned)g >= GOAL_COUNT)
		return "?";
	return lang == LANG_EN ? goal_en[g] : goal_vi[g];
}

const char *indicator_name(const struct indicator *ind, int lang)
{
	return lang == LANG_EN ? ind->name_en : ind->name_vi;
}

/* Short names for column heads and narrow screens, and whether the
 * indicator's sexes are children's (pupils, births: girls and boys).  Kept
 * beside the catalog, by id, so that the catalog's rows stay as the
 * strategy words them; test_catalog checks every indicator has one. */
static const struct {
	const char *id, *vi, *en;
	bool children;
} ind_short[] = {
	{"female_key_leaders", "Lãnh đạo chủ chốt nữ", "Women key leaders", false},
	{"female_wage_workers", "Nữ làm công hưởng lương", "Women wage workers", false},
	{"female_agri_share", "Nữ làm nông nghiệp", "Women in farming", false},
	{"female_business_leaders", "Nữ chủ doanh nghiệp", "Women business heads", false},
	{"unpaid_care_ratio", "Giờ việc nhà nữ so với nam", "Unpaid care, women to men", false},
	{"dv_victims_supported", "Nạn nhân bạo lực được hỗ trợ", "Violence victims supported", false},
	{"dv_perpetrators_counseled", "Người gây bạo lực được tư vấn", "Perpetrators counselled", false},
	{"trafficking_returnees_supported", "Nạn nhân mua bán được hỗ trợ", "Trafficking victims supported", false},
	{"social_assistance_gbv", "Cơ sở trợ giúp xã hội", "Social assistance facilities", false},
	{"sex_ratio_at_birth", "Tỷ số giới tính khi sinh", "Sex ratio at birth", true},
	{"maternal_mortality", "Tử vong bà mẹ", "Maternal deaths", false},
	{"adolescent_birth_rate", "Sinh ở tuổi vị thành niên", "Adolescent births", false},
	{"gender_in_curriculum", "Giới trong chương trình học", "Gender in the curriculum", false},
	{"primary_completion", "Hoàn thành tiểu học", "Primary completion", true},
	{"lower_secondary_completion", "Hoàn thành trung học cơ sở", "Lower secondary completion", true},
	{"female_vocational_enrolment", "Nữ học nghề tuyển mới", "Women vocational students", false},
	{"female_masters", "Nữ thạc sĩ", "Women master's holders", false},
	{"female_doctorates", "Nữ tiến sĩ", "Women doctorate holders", false},
	{"gender_knowledge_access", "Dân số tiếp cận kiến thức giới", "People reached", false},
	{"orgs_informed", "Tổ chức được phổ biến", "Organisations informed", false},
	{"news_items_per_quarter", "Tin, bài mỗi quý", "News items a quarter", false},
	{"monthly_programs", "Chuyên mục hằng tháng", "Monthly programmes", false},
	{"primary_enrolment", "Trẻ đúng tuổi vào tiểu học", "Primary enrolment", true},
	{"schools_gender_extracurricular", "Trường lồng ghép ngoại khóa", "Schools, extracurricular", false},
};

static int short_of(const struct indicator *ind)
{
	size_t i;

	for (i = 0; i < sizeof(ind_short) / sizeof(ind_short[0]); i++) {
		if (strcmp(ind_short[i].id, ind->id) == 0)
			return (int)i;
	}
	return -1;
}

const char *indicator_short_name(const struct indicator *ind, int lang)
{
	int i = short_of(ind);

	if (ind->series_short_vi)
		return lang == LANG_EN ? ind->series_short_en : ind->series_short_vi;
	if (i < 0)
		return indicator_name(ind, lang);
	return lang == LANG_EN ? ind_short[i].en : ind_short[i].vi;
}

bool indicator_short_known(const struct indicator *ind)
{
	return ind->series_short_vi || short_of(ind) >= 0;
}

const char *indicator_sex_name(const struct indicator *ind, enum sex s)
{
	/* a series counts whom its parent counts: minority girls and boys */
	const struct indicator *who = ind && ind->parent ? &catalog[ind->parent_index] : ind;
	bool child = who && short_of(who) >= 0 && ind_short[short_of(who)].children;

	if (s == SEX_F)
		return child ? _("Girls") : _("Women");
	if (s == SEX_M)
		return child ? _("Boys") : _("Men");
	return _("Total");
}

int indicator_parts(const struct indicator *ind)
{
	return ind->kind == IND_RATIO ? 2 : 1;
}

const char *part_id(const struct indicator *ind, int part)
{
	if (ind->kind == IND_VALUE)
		return "value";
	return part == PART_NUM ? "num" : "den";
}

int part_parse(const struct indicator *ind, const char *s)
{
	if (ind->kind == IND_VALUE)
		return strcmp(s, "value") == 0 ? PART_VALUE : -1;
	if (strcmp(s, "num") == 0)
		return PART_NUM;
	if (strcmp(s, "den") == 0)
		return PART_DEN;
	return -1;
}

const char *sex_id(enum sex s)
{
	switch (s) {
	case SEX_F: return "F";
	case SEX_M: return "M";
	case SEX_T: return "T";
	}
	return "?";
}

int sex_parse(const char *s)
{
	if (strcmp(s, "F") == 0)
		return SEX_F;
	if (strcmp(s, "M") == 0)
		return SEX_M;
	if (strcmp(s, "T") == 0)
		return SEX_T;
	return -1;
}

bool indicator_takes_sex(const struct indicator *ind, enum sex s)
{
	return s == SEX_T || ind->by_sex;
}

bool indicator_per_quarter(const struct indicator *ind)
{
	return strcmp(ind->unit, "items_per_quarter") == 0;
}

const char *direction_id(enum direction d)
{
	switch (d) {
	case DIR_AT_LEAST: return "at_least";
	case DIR_AT_MOST: return "at_most";
	case DIR_ACHIEVE: return "achieve";
	}
	return "?";
}

int direction_parse(const char *s)
{
	if (!s)
		return -1;
	if (strcmp(s, "at_least") == 0)
		return DIR_AT_LEAST;
	if (strcmp(s, "at_most") == 0)
		return DIR_AT_MOST;
	if (strcmp(s, "achieve") == 0)
		return DIR_ACHIEVE;
	return -1;
}

const struct agency_kind agency_kinds[] = {
	{"vhxh", "Phòng Văn hóa - Xã hội", "Culture and Social Affairs Office"},
	{"kinhte", "Phòng Kinh tế", "Economic Office"},
	{"taichinh", "Phòng Tài chính", "Finance Office"},
	{"vanphong", "Văn phòng HĐND và UBND", "Office of the People's Council and Committee"},
	{"yte", "Trạm Y tế", "Health station"},
	{"truonghoc", "Các trường học trên địa bàn", "Schools"},
	{"congan", "Công an", "Police"},
	{"ttdv", "Trung tâm Dịch vụ sự nghiệp công", "Public service centre"},
	{"mttq", "Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội", "Fatherland Front and socio-political organisations"},
	{"hoiphunu", "Hội Liên hiệp Phụ nữ", "Women's Union"},
	{"doanthanhnien", "Đoàn TNCS Hồ Chí Minh", "Ho Chi Minh Communist Youth Union"},
	{"thon", "Các thôn, tổ dân phố", "Villages and residential groups"},
	{"tocongnghe", "Tổ Công nghệ số cộng đồng", "Community digital technology team"},
};

const size_t agency_kind_count = sizeof(agency_kinds) / sizeof(agency_kinds[0]);

const struct agency_kind province_agency_kinds[] = {
	{"sonoivu", "Sở Nội vụ", "Department of Home Affairs"},
	{"soyte", "Sở Y tế", "Department of Health"},
	{"sogddt", "Sở Giáo dục và Đào tạo", "Department of Education and Training"},
	{"sotaichinh", "Sở Tài chính", "Department of Finance"},
	{"sonnmt", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment"},
	{"sovhttdl", "Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism"},
	{"baoptth", "Báo và Phát thanh, Truyền hình", "Provincial newspaper and radio-television"},
	{"congan", "Công an tỉnh", "Provincial police"},
	{"mttq", "Ủy ban MTTQ Việt Nam tỉnh", "Provincial Fatherland Front"},
	{"ubndxa", "UBND các xã, phường, đặc khu", "The communes and wards of the province"},
};

const size_t province_agency_kind_count = sizeof(province_agency_kinds) / sizeof(province_agency_kinds[0]);

int province_agency_find(const char *id)
{
	size_t i;

	for (i = 0; id && i < province_agency_kind_count; i++) {
		if (strcmp(province_agency_kinds[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

bool plan_agency_known(const char *id, bool province)
{
	return agency_find(id) >= 0 || strcmp(id, "all") == 0 || (province && province_agency_find(id) >= 0);
}

int agency_find(const char *id)
{
	size_t i;

	for (i = 0; id && i < agency_kind_count; i++) {
		if (strcmp(agency_kinds[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}
