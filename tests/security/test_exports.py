"""Issue 11: every CSV/XLSX export is spreadsheet-safe (one helper, used everywhere)."""

import ast
import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse

from initiatieven.models import ShortlistEntry
from netwerkplatform.core import exports
from tests.core.factories import UserFactory
from tests.initiatieven.factories import InitiativeFactory, OrganisationFactory

ROOT = Path(__file__).resolve().parents[2]
FORMULAS = ['=HYPERLINK("http://evil.example","klik")', "@sum(1+1)", "+31 6", "-2+3", "\t=1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_it_neutralises_cells_a_spreadsheet_would_run_as_a_formula(value):
    assert exports.safe_cell(value) == "'" + value


def test_it_keeps_ordinary_values_and_numbers_as_they_are():
    assert exports.safe_cell("Mooi plan") == "Mooi plan"
    assert exports.safe_cell(-3) == -3 and exports.safe_cell(2.5) == 2.5
    assert exports.safe_cell(None) == ""


@pytest.mark.django_db
def test_it_escapes_formulas_in_the_shortlist_csv(client):
    member = UserFactory(verified=True)
    fund = OrganisationFactory(member=member)
    initiative = InitiativeFactory(name="@sum(1+1)")
    ShortlistEntry.objects.create(
        organisation=fund, initiative=initiative, note=FORMULAS[0], added_by=member
    )
    client.force_login(member)
    body = client.get(reverse("initiatieven:shortlist_export", args=[fund.slug])).content
    cells = [
        cell
        for row in csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")
        for cell in row
    ]
    assert "'@sum(1+1)" in cells and "'" + FORMULAS[0] in cells
    assert not any(cell[:1] in ("=", "@", "+", "-") for cell in cells if cell)


def test_no_module_writes_csv_or_xlsx_around_the_helper():
    """Every csv.writer / openpyxl use goes through netwerkplatform/core/exports.py."""
    offenders = []
    for path in ROOT.glob("**/*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in (".venv", "tests", "staticfiles") or relative == Path(
            "netwerkplatform/core/exports.py"
        ):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("writer", "DictWriter")
                and isinstance(node.value, ast.Name)
                and node.value.id == "csv"
            ):
                offenders.append(f"{relative}:{node.lineno}")
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = [getattr(node, "module", None) or ""] + [a.name for a in node.names]
                if any(name and name.startswith("openpyxl") for name in names):
                    offenders.append(f"{relative}:{node.lineno}")
    assert offenders == []
