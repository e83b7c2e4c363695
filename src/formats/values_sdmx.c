/*
 * values_sdmx.c: the structure of gemis's SDMX dataflow, written as an
 * SDMX-ML 2.1 structure message, so that a statistics office can load the
 * SDMX-CSV of `gemis values export --format sdmx` (values_export.c) with
 * its definitions instead of guessing them.
 *
 * Everything here comes from the catalog and the unit tree, never from a
 * hand-written file, so that the structure and the data cannot drift:
 *
 *	<mes:Structure xmlns:mes=... xmlns:str=... xmlns:com=...>
 *	  <mes:Header> ID, Test, Prepared, Sender </mes:Header>
 *	  <mes:Structures>
 *	    <str:Dataflows>   GEMIS:DF_GENDER_EQUALITY(1.0) -> the DSD
 *	    <str:Codelists>   CL_FREQ (A, Q, M), CL_AREA (the unit exported
 *	                      and every unit below it, codes mapped as in the
 *	                      data), CL_INDICATOR (the catalog), CL_VALUE_PART
 *	                      (NUM, DEN, VALUE, IND), CL_SEX (F, M, _T),
 *	                      CL_UNIT_MULT (the powers of ten of the catalog's
 *	                      factors), CL_OBS_STATUS (A, O) and CL_CONF_STATUS
 *	                      (F, C), the codes of SDMX's cross-domain lists
 *	    <str:Concepts>    CS_GEMIS: one concept per column
 *	    <str:DataStructures>  DSD_GENDER_EQUALITY(1.0): the dimensions
 *	                      FREQ, REF_AREA, INDICATOR, VALUE_PART, SEX in the
 *	                      order of the CSV's columns, the time dimension
 *	                      TIME_PERIOD, the observation's attributes
 *	                      UNIT_MULT, OBS_STATUS, CONF_STATUS, the primary
 *	                      measure OBS_VALUE
 *	  </mes:Structures>
 *	</mes:Structure>
 *
 * Names are given in Vietnamese and English (xml:lang), units' in
 * Vietnamese only, as the official list has them.  The order of the
 * elements follows the SDMX 2.1 schema (SDMXStructure.xsd).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "exchange.h"
#include "xml.h"

#include "util/banned.h"

#define MES "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
#define STR "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"
#define COM "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"
#define AGENCY "GEMIS"

struct code {
	const char *id, *vi, *en;
};

static const struct code freq_codes[] = {
	{"A", "Năm", "Annual"},
	{"Q", "Quý", "Quarterly"},
	{"M", "Tháng", "Monthly"},
};
static const struct code part_codes[] = {
	{"NUM", "Tử số", "Numerator"},
	{"DEN", "Mẫu số", "Denominator"},
	{"VALUE", "Giá trị", "Value"},
	{"IND", "Giá trị chỉ tiêu (do gemis tính)", "Indicator value (computed by gemis)"},
};
static const struct code sex_codes[] = {
	{"F", "Nữ", "Female"},
	{"M", "Nam", "Male"},
	{"_T", "Tổng", "Total"},
};
/* SDMX's CL_OBS_STATUS and CL_CONF_STATUS, the codes gemis uses */
static const struct code obs_status_codes[] = {
	{"A", "Giá trị bình thường", "Normal value"},
	{"O", "Thiếu giá trị", "Missing value"},
};
static const struct code conf_status_codes[] = {
	{"F", "Công khai", "Free"},
	{"C", "Thông tin thống kê bảo mật", "Confidential statistical information"},
};

/* The columns of the SDMX-CSV after DATAFLOW, in order: concept id,
 * names, codelist (NULL for the time dimension and the measure). */
static const struct {
	const char *id, *vi, *en, *codelist;
} concepts[] = {
	{"FREQ", "Tần suất", "Frequency", "CL_FREQ"},
	{"REF_AREA", "Đơn vị hành chính", "Reference area", "CL_AREA"},
	{"INDICATOR", "Chỉ tiêu", "Indicator", "CL_INDICATOR"},
	{"VALUE_PART", "Phần của số liệu", "Part of the value", "CL_VALUE_PART"},
	{"SEX", "Giới tính", "Sex", "CL_SEX"},
	{"TIME_PERIOD", "Kỳ báo cáo", "Time period", NULL},
	{"OBS_VALUE", "Giá trị quan sát", "Observation value", NULL},
	{"UNIT_MULT", "Hệ số nhân đơn vị", "Unit multiplier", "CL_UNIT_MULT"},
	{"OBS_STATUS", "Trạng thái quan sát", "Observation status", "CL_OBS_STATUS"},
	{"CONF_STATUS", "Tình trạng bảo mật", "Confidentiality status", "CL_CONF_STATUS"},
};
#define NDIMS 5  /* the concepts above that are coded dimensions */
#define FIRST_ATTR 7 /* and the attributes, from here on */
#define NCONCEPTS (sizeof(concepts) / sizeof(concepts[0]))

static enum gemis_err names(struct buf *b, const char *indent, const char *vi, const char *en)
{

	if (vi) {
		buf_printf(b, "%s<com:Name xml:lang=\"vi\">", indent);
		xml_escape_str(b, vi);
		buf_puts(b, "</com:Name>\n");
	}
	if (en) {
		buf_printf(b, "%s<com:Name xml:lang=\"en\">", indent);
		xml_escape_str(b, en);
		buf_puts(b, "</com:Name>\n");
	}
	return buf_error(b);
}

static enum gemis_err code(struct buf *b, const char *id, const char *vi, const char *en)
{
	buf_puts(b, "        <str:Code id=\"");

	xml_escape_str(b, id);
	buf_puts(b, "\">\n");
	names(b, "          ", vi, en);
	buf_puts(b, "        </str:Code>\n");
	return buf_error(b);
}

static enum gemis_err codelist_open(struct buf *b, const char *id, const char *vi, const char *en)
{
	buf_printf(b, "      <str:Codelist id=\"%s\" agencyID=\"" AGENCY "\" version=\"1.0\">\n", id);

	names(b, "        ", vi, en);
	return buf_error(b);
}

static enum gemis_err fixed_codelist(struct buf *b, const char *id, const char *vi, const char *en,
				     const struct code *c, size_t n)
{
	codelist_open(b, id, vi, en);
	size_t i;

	for (i = 0; i < n; i++)
		code(b, c[i].id, c[i].vi, c[i].en);
	buf_puts(b, "      </str:Codelist>\n");
	return buf_error(b);
}

/* The unit and every unit below it, parents first. */
static enum gemis_err areas(struct buf *b, const struct tree *t, const struct codemap *m, int u)
{
	code(b, codemap_out(m, CODE_UNIT, t->units[u].code), t->units[u].name, NULL);
	int c;

	for (c = t->units[u].first_child; c >= 0 && !buf_error(b); c = t->units[c].next_sibling)
		areas(b, t, m, c);
	return buf_error(b);
}

static enum gemis_err concept_ref(struct buf *b, const char *id)
{
	return buf_printf(b,
			  "            <str:ConceptIdentity><Ref id=\"%s\" maintainableParentID=\"CS_GEMIS\" "
			  "maintainableParentVersion=\"1.0\" agencyID=\"" AGENCY "\" class=\"Concept\" "
			  "package=\"conceptscheme\"/></str:ConceptIdentity>\n",
			  id);
}

static enum gemis_err codelist_ref(struct buf *b, const char *id)
{
	return buf_printf(b,
			  "            <str:LocalRepresentation><str:Enumeration><Ref id=\"%s\" "
			  "version=\"1.0\" agencyID=\"" AGENCY "\" class=\"Codelist\" package=\"codelist\"/>"
			  "</str:Enumeration></str:LocalRepresentation>\n",
			  id);
}

/* UNIT_MULT, OBS_STATUS, CONF_STATUS: one value per observation. */
static enum gemis_err attribute_list(struct buf *b)
{
	size_t i;

	buf_puts(b, "          <str:AttributeList id=\"AttributeDescriptor\">\n");
	for (i = FIRST_ATTR; i < NCONCEPTS; i++) {
		buf_printf(b, "          <str:Attribute id=\"%s\" assignmentStatus=\"Mandatory\">\n", concepts[i].id);
		concept_ref(b, concepts[i].id);
		codelist_ref(b, concepts[i].codelist);
		buf_puts(b, "            <str:AttributeRelationship><str:PrimaryMeasure><Ref id=\"OBS_VALUE\"/>"
			    "</str:PrimaryMeasure></str:AttributeRelationship>\n"
			    "          </str:Attribute>\n");
	}
	buf_puts(b, "          </str:AttributeList>\n");
	return buf_error(b);
}

/* The powers of ten of the catalog's factors (sdmx_unit_mult()), 0 first. */
static enum gemis_err unit_mult_codelist(struct buf *b)
{
	bool seen[16] = {false};
	size_t i;

	codelist_open(b, "CL_UNIT_MULT", "Hệ số nhân đơn vị", "Unit multiplier");
	code(b, "0", "Đơn vị (×1)", "Units (×1)");
	seen[0] = true;
	for (i = 0; i < catalog_n(); i++) {
		int k = -sdmx_unit_mult((int)i);
		char id[8], name[32];

		if (k < 0 || k >= 16 || seen[k])
			continue;
		seen[k] = true;
		snprintf(id, sizeof(id), "-%d", k);
		snprintf(name, sizeof(name), "×10^-%d", k);
		code(b, id, name, name);
	}
	buf_puts(b, "      </str:Codelist>\n");
	return buf_error(b);
}

static enum gemis_err data_structure(struct buf *b)
{
	buf_puts(b, "    <str:DataStructures>\n"
					 "      <str:DataStructure id=\"DSD_GENDER_EQUALITY\" agencyID=\"" AGENCY
					 "\" version=\"1.0\">\n");
	size_t i;

	names(b, "        ", "Số liệu giám sát bình đẳng giới", "Gender equality monitoring data");
	buf_puts(b, "        <str:DataStructureComponents>\n"
		    "          <str:DimensionList id=\"DimensionDescriptor\">\n");
	for (i = 0; i < NDIMS; i++) {
		buf_printf(b, "          <str:Dimension id=\"%s\" position=\"%zu\">\n", concepts[i].id, i + 1);
		concept_ref(b, concepts[i].id);
		codelist_ref(b, concepts[i].codelist);
		buf_puts(b, "          </str:Dimension>\n");
	}
	buf_printf(b, "          <str:TimeDimension id=\"TIME_PERIOD\" position=\"%d\">\n", NDIMS + 1);
	concept_ref(b, "TIME_PERIOD");
	buf_puts(b, "            <str:LocalRepresentation><str:TextFormat textType=\"ObservationalTimePeriod\"/>"
		    "</str:LocalRepresentation>\n"
		    "          </str:TimeDimension>\n"
		    "          </str:DimensionList>\n");
	attribute_list(b);
	buf_puts(b, "          <str:MeasureList id=\"MeasureDescriptor\">\n"
		    "          <str:PrimaryMeasure id=\"OBS_VALUE\">\n");
	concept_ref(b, "OBS_VALUE");
	buf_puts(b, "            <str:LocalRepresentation><str:TextFormat textType=\"Decimal\"/>"
		    "</str:LocalRepresentation>\n"
		    "          </str:PrimaryMeasure>\n"
		    "          </str:MeasureList>\n"
		    "        </str:DataStructureComponents>\n"
		    "      </str:DataStructure>\n"
		    "    </str:DataStructures>\n");
	return buf_error(b);
}

enum gemis_err values_write_sdmx_structure(const struct tree *t, const struct export_opts *o,
					   struct buf *b)
{
	const struct codemap *m = o ? o->map : NULL;
	time_t when = (time_t)(o && o->exported ? o->exported : time(NULL));
	int root = o && o->unit >= 0 && (size_t)o->unit < t->n ? o->unit : 0;
	struct tm tm;
	char iso[32];
	size_t i;

	gmtime_r(&when, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_printf(b,
			 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<mes:Structure xmlns:mes=\"" MES "\" xmlns:str=\"" STR "\" xmlns:com=\"" COM "\">\n"
			 "  <mes:Header>\n"
			 "    <mes:ID>GEMIS_DF_GENDER_EQUALITY</mes:ID>\n"
			 "    <mes:Test>false</mes:Test>\n"
			 "    <mes:Prepared>%s</mes:Prepared>\n"
			 "    <mes:Sender id=\"" AGENCY "\"/>\n"
			 "  </mes:Header>\n"
			 "  <mes:Structures>\n"
			 "    <str:Dataflows>\n"
			 "      <str:Dataflow id=\"DF_GENDER_EQUALITY\" agencyID=\"" AGENCY "\" version=\"1.0\">\n",
			 iso);
	names(b, "        ", "Giám sát bình đẳng giới", "Gender equality monitoring");
	buf_puts(b, "        <str:Structure><Ref id=\"DSD_GENDER_EQUALITY\" version=\"1.0\" agencyID=\"" AGENCY
		    "\" class=\"DataStructure\" package=\"datastructure\"/></str:Structure>\n"
		    "      </str:Dataflow>\n"
		    "    </str:Dataflows>\n"
		    "    <str:Codelists>\n");
	fixed_codelist(b, "CL_FREQ", "Tần suất", "Frequency", freq_codes, 3);
	codelist_open(b, "CL_AREA", "Đơn vị hành chính", "Administrative units");
	if (t->n)
		areas(b, t, m, root);
	buf_puts(b, "      </str:Codelist>\n");
	codelist_open(b, "CL_INDICATOR", "Chỉ tiêu bình đẳng giới", "Gender equality indicators");
	for (i = 0; i < catalog_n(); i++) {
		/* a province's own indicator is no code of a unit outside it */
		if (indicator_in_scope(t, &catalog[i], root))
			code(b, catalog[i].id, catalog[i].name_vi, catalog[i].name_en);
	}
	buf_puts(b, "      </str:Codelist>\n");
	fixed_codelist(b, "CL_VALUE_PART", "Phần của số liệu", "Part of the value", part_codes, 4);
	fixed_codelist(b, "CL_SEX", "Giới tính", "Sex", sex_codes, 3);
	unit_mult_codelist(b);
	fixed_codelist(b, "CL_OBS_STATUS", "Trạng thái quan sát", "Observation status", obs_status_codes, 2);
	fixed_codelist(b, "CL_CONF_STATUS", "Tình trạng bảo mật", "Confidentiality status", conf_status_codes, 2);
	buf_puts(b, "    </str:Codelists>\n"
		    "    <str:Concepts>\n"
		    "      <str:ConceptScheme id=\"CS_GEMIS\" agencyID=\"" AGENCY "\" version=\"1.0\">\n");
	names(b, "        ", "Khái niệm của gemis", "gemis concepts");
	for (i = 0; i < NCONCEPTS; i++) {
		buf_printf(b, "        <str:Concept id=\"%s\">\n", concepts[i].id);
		names(b, "          ", concepts[i].vi, concepts[i].en);
		buf_puts(b, "        </str:Concept>\n");
	}
	buf_puts(b, "      </str:ConceptScheme>\n"
		    "    </str:Concepts>\n");
	data_structure(b);
	buf_puts(b, "  </mes:Structures>\n"
		    "</mes:Structure>\n");
	return buf_error(b);
}
