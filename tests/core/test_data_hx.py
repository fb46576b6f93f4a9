"""scripts/data_hx.py writes htmx attributes as valid HTML (data-hx-*), once."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "data_hx", Path(__file__).resolve().parents[2] / "scripts" / "data_hx.py"
)
data_hx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(data_hx)


def test_it_prefixes_htmx_attributes_in_markup():
    html = '<form hx-get="/x/" hx-target="#r"\n      hx-push-url="true" hx-boost>'
    assert data_hx.rewrite(html, python=False) == (
        '<form data-hx-get="/x/" data-hx-target="#r"\n      data-hx-push-url="true" data-hx-boost>'
    )


def test_it_prefixes_htmx_keys_in_python_widget_attrs():
    source = 'attrs={"hx-get": url, \'hx-trigger\': "change"}'
    assert data_hx.rewrite(source, python=True) == (
        'attrs={"data-hx-get": url, \'data-hx-trigger\': "change"}'
    )


def test_it_changes_nothing_twice_and_leaves_headers_and_text_alone():
    source = (
        '<a data-hx-get="/a/">hx-get in a sentence</a>\n'
        'if request.headers.get("HX-Request"): pass\n'
        'partial = request.headers.get("hx-request")\n'
    )
    assert data_hx.rewrite(source, python=True) == source
    once = data_hx.rewrite('<b hx-post="/p/">', python=False)
    assert data_hx.rewrite(once, python=False) == once
