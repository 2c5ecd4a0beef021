"""Write the news pages of benchmarks/data/web/ from the readouts in examples/readouts/.

There is no internet here and pages saved from the web carry others' copyright, so the test pages
are written by us: each wraps one readout's paragraphs in the furniture of a real news page
(navigation, scripts and JSON-LD, a cookie banner, share bars, ads, related links, newsletter
boxes, comments, footers), in four different page styles. Next to each page, ``NAME.txt`` holds
the article text the page shows (headline, then paragraphs, one per line): the gold for
benchmarks/bench_web.py. Run from the project root; the output is committed, so this runs only
when the pages change::

    python benchmarks/make_web_pages.py
"""

# ruff: noqa: E501 - the page templates are HTML, kept as they would be written
from __future__ import annotations

import html
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
READOUTS = REPO / "examples" / "readouts"
OUT = REPO / "benchmarks" / "data" / "web"

COOKIE = (
    '<div id="cookie-banner" class="consent"><p>We use cookies to improve your experience and for '
    "advertising. By continuing to browse you agree to our use of cookies.</p>"
    '<button class="accept">Accept all cookies</button> <a href="/privacy">Cookie settings</a>'
    "</div>"
)
SCRIPTS = (
    "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
    " gtag('js', new Date()); gtag('config', 'G-XXXXXXX');</script>\n"
    '<script async src="https://ads.example.net/tag.js"></script>\n'
    "<style>body{font-family:sans-serif} .share a{margin:0 4px} #cookie-banner{position:fixed}"
    "</style>"
)


def paragraphs(name: str) -> tuple[str, list[str]]:
    """The headline and paragraphs of a readout, its date stamp and page debris left out."""
    text = (READOUTS / f"{name}.txt").read_text(encoding="utf-8")
    text = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s+", "", text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    body = [
        line for line in lines if line not in ("Search Trends",) and not line.startswith("Updated ")
    ]
    return body[0], body[1:]


def esc(text: str) -> str:
    """Escape text for HTML, writing curly quotes as entities as many sites do."""
    out = html.escape(text, quote=False)
    for char, entity in (("“", "&ldquo;"), ("”", "&rdquo;"), ("’", "&rsquo;"), ("‘", "&lsquo;")):
        out = out.replace(char, entity)
    return out


def json_ld(headline: str, author: str, date: str, outlet: str, url: str) -> str:
    """A NewsArticle JSON-LD block, as news sites embed for search engines."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": f"{date}T21:01:00+08:00",
        "author": [{"@type": "Person", "name": author}],
        "publisher": {"@type": "Organization", "name": outlet},
        "mainEntityOfPage": url,
    }
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def head(title: str, outlet: str, url: str, date: str, author: str) -> str:
    """The document head: meta tags, Open Graph, JSON-LD, scripts."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} - {outlet}</title>
<meta name="description" content="{esc(title)}">
<meta property="og:title" content="{esc(title)}">
<meta property="og:site_name" content="{outlet}">
<meta property="og:url" content="{url}">
<meta property="og:type" content="article">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{date}T21:01:00+08:00">
<link rel="canonical" href="{url}">
{json_ld(title, author, date, outlet, url)}
{SCRIPTS}
</head>
"""


def nav(items: list[str]) -> str:
    """A site navigation bar."""
    links = "".join(f'<li><a href="/{i.lower()}">{i}</a></li>' for i in items)
    return f'<header class="site-header"><a class="logo" href="/">Home</a><nav><ul>{links}</ul></nav></header>'


def related(titles: list[str]) -> str:
    """A related-links box."""
    links = "".join(f'<li><a href="/news/{k}">{t}</a></li>' for k, t in enumerate(titles))
    return f'<aside class="related"><h3>Related Stories</h3><ul>{links}</ul></aside>'


SHARE = (
    '<div class="share"><span>Share this</span> <a href="#fb">Facebook</a> '
    '<a href="#tw">Twitter</a> <a href="#mail">Email</a> <a href="#copy">Copy link</a></div>'
)
FOOTER = (
    '<footer><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact us</a></li>'
    '<li><a href="/terms">Terms of use</a></li><li><a href="/privacy">Privacy policy</a></li></ul>'
    "<p>Copyright © 2021 All rights reserved.</p></footer>"
)


def cgtn_page() -> tuple[str, str, str]:
    """A CGTN-style page: time stamp, share bar, "Search Trends" widget, related links."""
    name = "call-cgtn-chinese-readout"
    title, paras = paragraphs(name)
    url = "https://news.example-cgtn.com/news/2021-11-05/Xi-Jinping-China-to-work-with-Syria.html"
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
    page = f"""{head(title, "CGTN", url, "2021-11-05", "CGTN")}<body>
{COOKIE}
{nav(["World", "China", "Business", "Tech", "Sports", "Opinions", "Video", "Live"])}
<main>
<div class="news-title"><h1>{esc(title)}</h1></div>
<div class="news-meta"><span class="date">Updated 21:01, 05-Nov-2021</span> <span class="src">CGTN</span></div>
{SHARE}
<div class="news-content">
{body}
</div>
{SHARE}
<div class="ad-slot"><p>Advertisement</p><iframe src="https://ads.example.net/slot/1"></iframe></div>
</main>
<aside class="trends"><h3>Search Trends</h3><ul><li><a href="/t/1">COP26</a></li><li><a href="/t/2">CIIE 2021</a></li><li><a href="/t/3">Sixth plenary session</a></li></ul></aside>
{related(["China, Syria vow to deepen cooperation", "Wang Yi meets Assad in Damascus", "Xi sends congratulatory message to Assad on re-election"])}
{FOOTER}
<script>document.querySelectorAll('.share a').forEach(a => a.addEventListener('click', track));</script>
</body>
</html>
"""
    return name, page, "\n".join([title, *paras])


def newsweek_page() -> tuple[str, str, str]:
    """A magazine page: byline, inline ads, "Read more" boxes, newsletter, comments."""
    name = "call-newsweek-report"
    title, paras = paragraphs(name)
    url = (
        "https://www.example-newsweek.com/china-xi-jinping-syria-assad-call-reconstruction-1646301"
    )
    parts = []
    for k, p in enumerate(paras):
        parts.append(f"<p>{esc(p)}</p>")
        if k == 3:
            parts.append('<div class="ad inline"><span>Advertisement</span></div>')
        if k == 8:
            parts.append(
                '<div class="read-more"><strong>Read more</strong><ul>'
                '<li><a href="/a">Assad wins fourth term in election the West calls a sham</a></li>'
                '<li><a href="/b">China courts the Middle East as U.S. pulls back</a></li></ul></div>'
            )
        if k == 15:
            parts.append(
                '<figure><img src="/img/assad.jpg" alt="Bashar al-Assad">'
                "<figcaption>Syrian President Bashar al-Assad speaks in Damascus. "
                "LOUAI BESHARA/AFP via Getty Images</figcaption></figure>"
            )
    body = "\n".join(parts)
    page = f"""{head(title, "Newsweek", url, "2021-11-05", "Tom O'Connor")}<body class="article-page">
{nav(["U.S.", "World", "Opinion", "Science", "Health", "Culture", "Newsletters", "Subscribe"])}
<div class="topbar"><a href="/subscribe">Subscribe for $1</a> <a href="/login">Log in</a></div>
<article>
<header><h1 class="title">{esc(title)}</h1>
<div class="byline">By <a rel="author" href="/authors/tom-oconnor">Tom O'Connor</a> On 11/5/21 at 3:12 PM EDT</div>
{SHARE}
</header>
<div class="article-body">
{body}
</div>
</article>
<section class="newsletter"><h3>Sign up for our newsletter</h3><form><input type="email" placeholder="Email address"><button>Sign up</button></form></section>
<section class="comments"><h3>Comments</h3><div class="comment"><p>Great article, thanks for covering this.</p></div><a href="#">View comments</a></section>
{related(["Russia and China hold joint naval drills", "Iran says talks with Saudi Arabia are progressing", "What Syria's return to the Arab League means"])}
{FOOTER}
</body>
</html>
"""
    return name, page, "\n".join([title, *paras])


def relay_page() -> tuple[str, str, str]:
    """A small news site: table layout, a sidebar of headlines, paragraphs as <br> runs."""
    name = "call-syrian-readout-relay"
    title, paras = paragraphs(name)
    url = "https://example-relay.net/2021/11/06/chinese-syrian-relations-continue-to-flourish/"
    body = "<br>\n".join(esc(p) for p in paras)
    sidebar = "".join(
        f'<tr><td><a href="/{k}">{t}</a></td></tr>'
        for k, t in enumerate(
            [
                "Latest headlines",
                "Damascus fair opens",
                "Power cuts to ease, ministry says",
                "Wheat harvest up 10 percent",
            ]
        )
    )
    page = f"""{head(title, "Levant Relay", url, "2021-11-06", "Staff writer")}<body>
<table width="100%"><tr><td colspan="2">{nav(["Home", "Politics", "Economy", "Region", "Contact"])}</td></tr>
<tr><td valign="top" width="70%">
<h2 class="post-title">{esc(title)}</h2>
<div class="post-meta">Posted on November 6, 2021 by Staff writer</div>
<div class="post-body">
{body}
</div>
<div class="tags">Tags: <a href="/tag/china">China</a>, <a href="/tag/syria">Syria</a></div>
</td>
<td valign="top"><table class="sidebar">{sidebar}</table>
<div class="widget"><h4>Follow us</h4><a href="#">Facebook</a> <a href="#">Telegram</a></div></td></tr>
<tr><td colspan="2">{FOOTER}</td></tr></table>
</body>
</html>
"""
    return name, page, "\n".join([title, *paras])


def wire_page() -> tuple[str, str, str]:
    """A wire-service page: dateline in the first paragraph, editor's credit, photo credit."""
    name = "july-wang-yi-meeting"
    title, paras = paragraphs(name)
    first = f"DAMASCUS, July 17 (Xinhua) -- {paras[0]}"
    url = "https://english.example-wire.cn/2021-07/18/c_1310067890.htm"
    body = "\n".join(f"<p>{esc(p)}</p>" for p in [first, *paras[1:]])
    page = f"""{head(title, "Xinhua", url, "2021-07-18", "Xinhua")}<body>
{nav(["China", "World", "Business", "Culture", "Photos", "Video"])}
<div class="main">
<h1>{esc(title)}</h1>
<div class="info">Source: Xinhua | 2021-07-18 06:35:12 | Editor: huaxia</div>
<div class="fontsize">[<a href="#">Large</a> <a href="#">Medium</a> <a href="#">Small</a>]</div>
<div id="content">
<p><img src="/photo/wang.jpg"></p>
<p class="caption">Syrian President Bashar al-Assad meets with Chinese State Councilor and Foreign Minister Wang Yi in Damascus, Syria, July 17, 2021. (Xinhua/Ammar Safarjalani)</p>
{body}
<p>Enditem</p>
</div>
<div class="editor">Editor: huaxia</div>
</div>
{related(["China, Syria sign agreements", "Wang Yi arrives in Damascus", "Chinese FM meets Egyptian president"])}
{FOOTER}
</body>
</html>
"""
    return name, page, "\n".join([title, first, *paras[1:]])


def main() -> None:
    """Write every page and its gold text."""
    OUT.mkdir(parents=True, exist_ok=True)
    for make in (cgtn_page, newsweek_page, relay_page, wire_page):
        name, page, gold = make()
        (OUT / f"{name}.html").write_text(page, encoding="utf-8")
        (OUT / f"{name}.txt").write_text(gold + "\n", encoding="utf-8")
        print(f"wrote {name}.html ({len(page)} chars) and its gold ({len(gold)} chars)")


if __name__ == "__main__":
    main()
