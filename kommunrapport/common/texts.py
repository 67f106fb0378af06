"""Text from the data as safe HTML: everything is escaped, so a comment can never run."""
from __future__ import annotations

from html import escape


def paragraphs_html(text: str) -> str:
    """Plain text (blank-line paragraphs, '- ' lists) as escaped HTML."""
    parts = []
    for block in (text or "").strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        elif lines:
            parts.append(f"<p>{escape(' '.join(lines))}</p>")
    return "".join(parts)


def analyses_html(items: list[tuple[str, str]]) -> str:
    """A list of (heading, analysis text) as a definition list."""
    body = "".join(f"<dt>{escape(head)}</dt><dd>{paragraphs_html(text)}</dd>"
                   for head, text in items)
    return f'<dl class="analyser">{body}</dl>'


def example_notice_html(notice: str | None) -> str:
    """The start page's warning that the period's data is invented (nothing if it is real)."""
    if not notice:
        return ""
    return f'<div class="admonition warning exempeldata" role="note"><p>{escape(notice)}</p></div>'


# A page holding this class is left out of the PDF (pdf.print_document); a section holding
# the second, only that section (Om rapporten's data folder and build).
WEB_ONLY = "endast-webb"
WEB_ONLY_SECTION = "endast-webb-avsnitt"


def web_only_html() -> str:
    return f'<div class="{WEB_ONLY}"></div>'
