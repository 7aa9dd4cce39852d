"""Small inputs written by the reader tests: our own French sentences, pages and archives."""

from __future__ import annotations

import io
from pathlib import Path

PARAGRAPHS = [
    "« Nous tiendrons bon jusqu'au bout », a déclaré vendredi la maire de Lyon, Claire Dubois, "
    "devant les journalistes réunis dans la salle du conseil municipal.",
    "Selon le préfet du Rhône, la situation reste tendue dans plusieurs quartiers de la ville "
    "depuis lundi, et des renforts de police sont attendus en fin de semaine.",
    "Le président de la métropole a estimé que les transports en commun devaient reprendre "
    "normalement dès mardi matin, malgré les perturbations annoncées par les syndicats.",
    "Les commerçants du centre-ville, eux, disent avoir perdu près de 30 % de leur chiffre "
    "d'affaires depuis le début du mouvement, d'après la chambre de commerce.",
]


def article_text(n: int = 0) -> str:
    """A French article made of our paragraphs, distinct for each ``n``."""
    return "\n".join(f"{p} (dépêche {n})" for p in PARAGRAPHS)


def html_page(title: str, paragraphs: list[str], *, date: str | None = "2023-03-04T10:00:00+01:00",
              site: str | None = "Le Courrier du Rhône", author: str | None = "Jeanne Martin",
              lang: str | None = "fr") -> str:
    """A news page with a menu, share buttons and a footer around the article."""
    metas = []
    if site:
        metas.append(f'<meta property="og:site_name" content="{site}">')
    if author:
        metas.append(f'<meta name="author" content="{author}">')
    if date:
        metas.append(f'<meta property="article:published_time" content="{date}">')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f"<!DOCTYPE html><html{lang_attr}><head><meta charset=\"utf-8\"><title>{title} - {site}</title>"
        f"{''.join(metas)}</head><body>"
        "<header><nav><ul><li><a href='/'>Accueil</a></li><li><a href='/politique'>Politique</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></nav></header>"
        f"<main><article><h1>{title}</h1>{body}"
        "<div class='share'><a href='#'>Partager sur Facebook</a> <a href='#'>Partager sur Twitter</a></div>"
        "</article></main>"
        "<footer><p>Mentions légales</p><p>Plan du site</p><p>© Le Courrier du Rhône</p></footer>"
        "</body></html>"
    )


def write_warc(path: Path, records: list[dict], *, gzip: bool = True) -> Path:
    """A WARC file written with warcio. Each record dict: url, type ("response", "request"),
    status ("200 OK"), content_type, body (bytes), date (WARC-Date)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for rec in records:
            kind = rec.get("type", "response")
            if kind == "request":
                headers = StatusAndHeaders(f"GET / HTTP/1.1", [("Host", "example.fr")], is_http_request=True)
                record = writer.create_warc_record(rec["url"], "request", payload=io.BytesIO(b""),
                                                   http_headers=headers)
            else:
                headers = StatusAndHeaders(rec.get("status", "200 OK"),
                                           [("Content-Type", rec.get("content_type", "text/html; charset=utf-8"))],
                                           protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    rec["url"], "response", payload=io.BytesIO(rec.get("body", b"")),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": rec.get("date", "2023-03-05T08:30:00Z")})
            writer.write_record(record)
    return path
