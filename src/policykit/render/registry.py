"""Render registry results: validation reports as text, JSON or GitHub Actions annotations; update summaries."""

from __future__ import annotations

from policykit.registry import Report, UpdateSummary


def report_text(report: Report) -> str:
    """One `file:line:column: severity: message [code]` line per problem, as compilers and linters print them."""
    return "".join(
        f"{p.file}:{p.line}:{p.column}: {p.severity}: {p.message} [{p.code}]\n" for p in report.problems
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(report: Report) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line of the file."""
    return "".join(
        f"::{'error' if p.severity == 'error' else 'warning'} file={_escape_property(p.file)},line={p.line},"
        f"col={p.column},title={_escape_property(f'policykit validate ({p.code})')}::{_escape_data(p.message)}\n"
        for p in report.problems
    )


def render_reports(reports: list[Report], fmt: str) -> str:
    """All reports in one format; JSON is a list of report records."""
    if fmt == "json":
        from policykit.render import to_json

        return to_json([report.to_dict() for report in reports]) + "\n"
    if fmt == "github":
        return "".join(report_github(report) for report in reports)
    if fmt == "text":
        return "".join(report_text(report) for report in reports)
    raise ValueError(f"not a report format: {fmt}")


def report_summary(report: Report) -> str:
    """One line for stderr: valid with what it holds, or how many problems."""
    if report.valid:
        warnings = len(report.problems)
        extra = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
        return (
            f"{report.path}: valid ({report.documents} document{'s' * (report.documents != 1)}, "
            f"{report.clauses} clauses, {report.targets} targets{extra})"
        )
    errors = len(report.errors)
    return f"{report.path}: {errors} problem{'s' * (errors != 1)} found"


def update_summary(summary: UpdateSummary) -> str:
    """One line for stderr saying what build/update changed."""
    verb = "created" if summary.created else "updated"
    line = (
        f"{summary.path}: {verb} from {len(summary.documents)} document{'s' * (len(summary.documents) != 1)}: "
        f"{summary.kept} clauses kept, {summary.carried} carried over, {summary.added} added, "
        f"{len(summary.removed)} removed"
    )
    if summary.removed:
        shown = ", ".join(summary.removed[:8]) + (" …" if len(summary.removed) > 8 else "")
        line += f" ({shown})"
    if summary.annotated_removed:
        line += (
            f"\nwarning: {len(summary.annotated_removed)} removed clause(s) had tags or notes: "
            f"{', '.join(summary.annotated_removed)}; move them by hand (the old file is in git)"
        )
    for warning in summary.warnings:
        line += f"\nwarning: {warning}"
    return line
