#include "reports/report.h"

extern const struct report_ops report_exhibits, report_manifest, report_json, report_xml,
	report_html, report_csv;

/*
 * The order the writers run in.  exhibits first: copying attachments out of
 * the INPUTs is the step that can find the input changed (EXIT_INPUT), so
 * it fails before anything else is spent.  evidence.xml before report.html,
 * which is made from it.
 */
static const struct report_ops *const writers[] = {
	&report_exhibits, &report_manifest, &report_json, &report_xml, &report_html, &report_csv,
};

const struct report_ops *const *report_writers(size_t *n)
{
	*n = sizeof writers / sizeof writers[0];
	return writers;
}
