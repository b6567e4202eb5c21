"""Data tables come out as Markdown tables; layout tables are unwrapped into paragraphs."""

from __future__ import annotations

from reader.cleaner import clean

INTRO = (
    "<p>Rainfall across the region was well below average for the third month running, according to "
    "figures the weather service released on Friday morning.</p>"
    "<p>The driest area was the southern plateau, which received less than a third of its usual total "
    "for the month, the lowest figure since records began.</p>"
)


def article(table: str) -> str:
    """A short article with the table after its first two paragraphs."""
    end = "<p>The figures are provisional.</p>"
    return f"<html><body><article><h1>Dry month</h1>{INTRO}{table}{end}</article></body></html>"


def test_a_data_table_becomes_a_markdown_table_with_escaped_cells_and_links() -> None:
    table = (
        "<table><thead><tr><th>Station</th><th>Rain | mm</th></tr></thead><tbody>"
        '<tr><td><a href="/stations/north">North *Ridge*</a></td><td>42</td></tr>'
        "<tr><td>Lake Point</td><td></td></tr></tbody></table>"
    )
    result = clean(article(table), "https://example.com/news/rain")
    assert (
        "| Station | Rain \\| mm |\n| --- | --- |\n"
        "| [North \\*Ridge\\*](https://example.com/stations/north) | 42 |\n| Lake Point |   |"
    ) in result.markdown
    assert "Station | Rain | mm\nNorth *Ridge* | 42\nLake Point | " in result.paragraphs


def test_a_table_without_header_cells_uses_its_first_row_as_the_header() -> None:
    table = "<table><tr><td>Ward 1</td><td>5,812</td></tr><tr><td>Ward 2</td><td>4,930</td></tr></table>"
    result = clean(article(table))
    assert "| Ward 1 | 5,812 |\n| --- | --- |\n| Ward 2 | 4,930 |" in result.markdown


def test_a_layout_table_is_unwrapped_into_paragraphs() -> None:
    table = (
        '<table><tr><td><a href="/">Home</a><br><a href="/news">News</a></td><td>'
        "<p>Farmers' groups have asked for emergency water allowances, and the ministry said it would "
        "review the request next week.</p><p>Reservoirs stand at about half of their usual level.</p>"
        "</td></tr></table>"
    )
    result = clean(article(table))
    assert "| --- |" not in result.markdown
    assert any(p.startswith("Farmers' groups") for p in result.paragraphs)
    assert "Reservoirs stand at about half of their usual level." in result.paragraphs


def test_spanning_or_ragged_tables_are_not_redrawn() -> None:
    table = (
        '<table><tr><th colspan="2">Totals</th></tr><tr><td>North Ridge</td><td>42</td></tr>'
        "<tr><td>Lake Point</td><td>35</td></tr></table>"
    )
    result = clean(article(table))
    assert "| --- |" not in result.markdown
    assert "North Ridge 42" in result.text
