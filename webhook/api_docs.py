"""/openapi.json (needs a token) and /docs (development only): one self-contained page, no CDN.

FastAPI's own /docs pulls Swagger UI's JavaScript and CSS from a CDN, and a browser cannot send
a Bearer header to open it. So the schema is served only to token holders (any role), and the
human page is plain HTML rendered here from that schema, without any script or outside asset,
and exists only when server.environment = "development".
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse

from webhook.api_auth import require_token

router = APIRouter(include_in_schema=False)
dev_router = APIRouter(include_in_schema=False)
NOTHING_FROM_OUTSIDE = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
STYLE = (
    "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}"
    "code{background:#f3f3f3;padding:0 .2rem}section{border-top:1px solid #ddd;padding:.5rem 0}"
    ".m{font-weight:700;display:inline-block;min-width:4.5rem}"
)


@router.get("/openapi.json", dependencies=[Depends(require_token)])
async def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi(), headers={"Cache-Control": "private, no-store"})


@dev_router.get("/docs")
async def docs(request: Request) -> HTMLResponse:
    return HTMLResponse(
        render(request.app.openapi()),
        headers={"Content-Security-Policy": NOTHING_FROM_OUTSIDE, "Cache-Control": "no-store"},
    )


def render(schema: dict[str, Any]) -> str:
    info = schema.get("info", {})
    title = escape(f"{info.get('title', '')} {info.get('version', '')}")
    parts = [
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>',
        f"<style>{STYLE}</style></head><body><h1>{title} — API</h1>",
        "<p>Mọi lệnh gọi cần <code>Authorization: Bearer &lt;khóa&gt;</code>"
        " (<code>sangkien tokens create</code>). Every call needs a Bearer token;"
        " the machine-readable schema is <code>GET /openapi.json</code> (with a token).</p>",
    ]
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parts.append(_operation(method, path, operation, schema))
    parts.append("</body></html>")
    return "".join(parts)


def _operation(method: str, path: str, op: dict[str, Any], schema: dict[str, Any]) -> str:
    lines = [f'<section><h2><span class="m">{escape(method.upper())}</span>{escape(path)}</h2>']
    if op.get("description") or op.get("summary"):
        lines.append(f"<p>{escape(op.get('description') or op.get('summary') or '')}</p>")
    params = [
        f"<li><code>{escape(p['name'])}</code> ({escape(p.get('in', ''))}"
        f"{', bắt buộc/required' if p.get('required') else ''}): {escape(_type(p.get('schema', {})))}</li>"
        for p in op.get("parameters", [])
    ]
    if params:
        lines.append(f"<ul>{''.join(params)}</ul>")
    body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if body:
        lines.append(f"<p>JSON: {escape(_fields(body, schema))}</p>")
    codes = ", ".join(escape(code) for code in op.get("responses", {}))
    lines.append(f"<p>→ {codes}</p></section>")
    return "".join(lines)


def _fields(body: dict[str, Any], schema: dict[str, Any]) -> str:
    ref = body.get("$ref", "")
    model = schema.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[-1], body)
    props = model.get("properties", {})
    required = set(model.get("required", []))
    return ", ".join(
        f"{name}{'*' if name in required else ''}: {_type(spec)}" for name, spec in props.items()
    )


def _type(spec: dict[str, Any]) -> str:
    if "anyOf" in spec:
        return " | ".join(_type(option) for option in spec["anyOf"])
    if spec.get("type") == "array":
        return f"list[{_type(spec.get('items', {}))}]"
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    return str(spec.get("format") or spec.get("type") or "any")
