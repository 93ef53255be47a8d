"""Configuration: one TOML file, env overrides SANGKIEN_<SECTION>__<KEY>, validated at start.

pydantic-settings reads the file (TomlConfigSettingsSource) and the environment
(EnvSettingsSource, `__` between section and key) and merges them, env over file over
defaults. Kept by hand: which file (--config > SANGKIEN_CONFIG > ./config.toml), the rules
of _EnvSource below, ConfigError naming the first bad key, and the secret checks, which
span sections and depend on server.environment.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import re
import tomllib
from collections.abc import Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from bot.errors import ConfigError
from bot.similar.index import DEFAULT_THRESHOLD, STRONG_THRESHOLD
from webhook.config_desk import CouncilConfig, Desk, Scoring, Section, principals

ENV_PREFIX = "SANGKIEN_"
PLACEHOLDERS = {"changeme", "change-me", "secret", "token", "xxx", "your-token-here", "placeholder"}
MIN_KEY_LENGTH = 32
MIN_KEY_DISTINCT = 12
PLACEHOLDER_PARTS = ("changeme", "change-me", "change_me", "placeholder", "example", "your-", "xxxx")


def _networks(values: list[str]) -> list[str]:
    """Addresses or CIDR networks, each checked; the message names the bad one."""
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ValueError(f"'{value}' is not an address or network (e.g. 10.0.0.0/8)") from None
    return values


class Server(Section):
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_url: str = ""
    secret_key: str = ""  # signs web chat cookies and download links; generated when empty
    data_dir: str = "data"
    environment: Literal["production", "development"] = "production"
    max_body_kb: int = Field(default=1024, ge=16, le=102_400)  # any body but a web upload


class Database(Section):
    url: str = "sqlite:///data/sangkien.db"

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not re.match(r"^(sqlite|postgresql(\+psycopg)?)://", value):
            raise ValueError("must start with sqlite:// or postgresql+psycopg://")
        from sqlalchemy.engine import make_url

        try:
            make_url(value)
        except Exception:  # its message would repeat the URL, password included
            raise ValueError("is not a valid database URL") from None
        return value.replace("postgresql://", "postgresql+psycopg://", 1)


class Platform(Section):
    enabled: bool = False
    token: str = ""
    webhook_secret: str = ""
    api_url: str
    mode: Literal["webhook", "polling", "auto"] = "auto"
    rate_per_second: float = Field(default=10.0, gt=0, le=1000)


class Telegram(Platform):
    api_url: str = "https://api.telegram.org"
    rate_per_second: float = Field(default=28.0, gt=0, le=1000)  # Telegram allows ≈30


class Zalo(Platform):
    api_url: str = "https://bot-api.zaloplatforms.com"


class Webchat(Section):
    enabled: bool = True
    upload_max_mb: int = Field(default=20, ge=1, le=200)  # one file
    upload_quota_session_mb: int = Field(default=60, ge=1, le=10_000)  # one visitor's unused files
    upload_quota_address_mb: int = Field(default=300, ge=1, le=100_000)  # one network address
    upload_quota_total_mb: int = Field(default=2048, ge=1, le=1_000_000)  # everyone's, together
    unused_upload_hours: int = Field(default=72, ge=1, le=24 * 365)  # then removed if unsubmitted
    # Limits checked in memory before anything is written (per replica).
    session_messages_per_minute: int = Field(default=30, ge=1, le=10_000)
    address_messages_per_minute: int = Field(default=120, ge=1, le=100_000)
    address_new_sessions_per_hour: int = Field(default=60, ge=1, le=100_000)
    address_reads_per_minute: int = Field(default=600, ge=1, le=1_000_000)
    session_text_kb_per_day: int = Field(default=512, ge=16, le=1_000_000)
    # A session ends after this long without a visit, or this long after it began.
    session_idle_hours: int = Field(default=168, ge=1, le=24 * 365)
    session_max_days: int = Field(default=90, ge=1, le=3650)
    # Reverse proxies (addresses or networks) whose X-Forwarded-For names the client.
    trusted_proxies: list[str] = []

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, values: list[str]) -> list[str]:
        return _networks(values)


class Logging(Section):
    """What the server writes to standard error: one line per request and per update."""

    format: Literal["text", "json"] = "text"  # json: one JSON object a line, for collectors
    level: Literal["debug", "info", "warning"] = "info"


class Admin(Section):
    api_token: str = ""


class Submission(Section):
    """What an author is told to do with the paper dossier after submitting a sáng kiến."""

    paper_days: int = Field(default=15, ge=0, le=365)  # days to hand in the signed papers; 0: none
    hand_to: str = Field(default="", max_length=300)  # whom to hand them to; "": the usual desk


class Metrics(Section):
    """Who may read /metrics: these addresses, or a scraper with the Bearer token."""

    allow: list[str] = ["127.0.0.1", "::1"]  # addresses or networks (CIDR)
    token: str = ""

    @field_validator("allow")
    @classmethod
    def _networks(cls, values: list[str]) -> list[str]:
        return _networks(values)

    @field_validator("token")
    @classmethod
    def _strong(cls, value: str) -> str:
        if value and len(value) < 16:
            raise ValueError("must be at least 16 characters (or empty: addresses only)")
        return value


class Similar(Section):
    """When an earlier entry is shown as like a new one (bench/similarity.py --calibrate)."""

    threshold: float = Field(default=DEFAULT_THRESHOLD, gt=0.0, le=1.0)
    strong_threshold: float = Field(default=STRONG_THRESHOLD, gt=0.0, le=1.0)

    @model_validator(mode="after")
    def _ordered(self) -> Similar:
        if self.strong_threshold < self.threshold:
            raise ValueError("strong_threshold must be at least threshold")
        return self


class Roles(Section):
    reviewers: list[str] = []
    admins: list[str] = []

    @field_validator("reviewers", "admins")
    @classmethod
    def _channel_ids(cls, values: list[str]) -> list[str]:
        return principals(values)


class Scheduler(Section):
    enabled: bool = True
    timezone: str = "Asia/Ho_Chi_Minh"
    digest_cron: str = "0 8 * * 1-5"
    quiet_hours: str = "21:00-07:00"
    review_sla_days: int = Field(default=14, ge=1, le=365)
    review_sla_cron: str = "30 8 * * 1-5"
    draft_reminders: list[str] = ["24h", "72h"]

    @field_validator("quiet_hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        if value and not re.match(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$", value):
            raise ValueError("must look like 21:00-07:00 (or be empty)")
        return value

    @field_validator("digest_cron", "review_sla_cron")
    @classmethod
    def _cron(cls, value: str) -> str:
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(value, timezone="UTC")
        except ValueError as exc:
            raise ValueError(f"'{value}' is not a crontab line (minute hour day month weekday): {exc}") from None
        return value

    @field_validator("draft_reminders")
    @classmethod
    def _delays(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.match(r"^[1-9]\d*[hd]$", value):
                raise ValueError(f"'{value}' is not a delay such as 24h or 3d")
        return values


class Retention(Section):
    """How long data that has served its purpose is kept; the `retention` job removes it."""

    cron: str = "15 3 * * *"
    processed_updates_days: int = Field(default=7, ge=2, le=3650)  # > any redelivery window
    outbox_days: int = Field(default=30, ge=1, le=3650)
    web_transcript_days: int = Field(default=180, ge=1, le=3650)
    link_codes_days: int = Field(default=1, ge=1, le=365)
    drafts_days: int = Field(default=90, ge=7, le=3650)
    unconsented_days: int = Field(default=7, ge=1, le=365)
    dossier_days: int = Field(default=30, ge=8, le=3650)  # made again on demand; > 7-day links
    digest_sheet_days: int = Field(default=90, ge=31, le=3650)  # > the 30-day digest links
    exports_days: int = Field(default=7, ge=1, le=90)
    decided_entry_years: int = Field(default=5, ge=1, le=100)

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str) -> str:
        return Scheduler._cron(value)


class Deadline(Section):
    """A date people are reminded of `days_before` days ahead ([[deadlines]] in the file)."""

    name: str = Field(min_length=1, max_length=200)
    date: datetime.date
    days_before: list[int] = [7, 1]

    @field_validator("days_before", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        values = [value] if isinstance(value, int) else value
        if isinstance(values, list) and any(not isinstance(v, int) or v < 0 for v in values):
            raise ValueError("must be a whole number of days (or a list of them), 0 or more")
        return values


class Settings(BaseSettings):
    """Every section; built by load_settings from the TOML file and SANGKIEN_<SECTION>__<KEY>."""

    model_config = SettingsConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        validate_default=False,  # as before (a plain model): defaults are not re-checked per load
    )

    server: Server = Server()
    database: Database = Database()
    telegram: Telegram = Telegram()
    zalo: Zalo = Zalo()
    webchat: Webchat = Webchat()
    admin: Admin = Admin()
    logging: Logging = Logging()
    submission: Submission = Submission()
    metrics: Metrics = Metrics()
    roles: Roles = Roles()
    scheduler: Scheduler = Scheduler()
    retention: Retention = Retention()
    similar: Similar = Similar()
    deadlines: list[Deadline] = []
    desk: Desk = Desk()
    councils: list[CouncilConfig] = []
    scoring: Scoring = Scoring()

    def mode(self, channel: Literal["telegram", "zalo"]) -> str:
        """The effective receive mode: auto means webhook when a public URL is set."""
        platform: Platform = getattr(self, channel)
        if platform.mode != "auto":
            return platform.mode
        return "webhook" if self.server.public_url else "polling"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Env first: it overrides the file, which overrides the defaults. Built directly
        # (`Settings(...)`), only the arguments count: no process environment leaks in.
        request = _REQUEST.get()
        if request is None:
            return (init_settings,)
        path, env = request
        return (_EnvSource(settings_cls, env), _TomlFile(settings_cls, path))


# (config file, environment) of the load_settings call in progress.
_REQUEST: ContextVar[tuple[Path | None, Mapping[str, str]] | None] = ContextVar("_REQUEST", default=None)


class _EnvSource(EnvSettingsSource):
    """SANGKIEN_<SECTION>__<KEY> from a given mapping; values written as in TOML.

    Kept from before pydantic-settings: names must start with SANGKIEN_ in capitals and hold
    `__` (so SANGKIEN_CONFIG and the like are not settings); a value quoted as a TOML string
    is unquoted; lists and tables are TOML (JSON objects also pass); an unknown section is
    reported like an unknown key instead of being ignored.
    """

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        self._given = env
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return {
            name.lower(): _unquoted(value)
            for name, value in self._given.items()
            if name.startswith(ENV_PREFIX) and "__" in name
        }

    def decode_complex_value(self, field_name: str, field: FieldInfo | None, value: Any) -> Any:
        # Text that is neither TOML nor JSON goes on as text: validation then names the key.
        try:
            return tomllib.loads(f"v = {value}")["v"]
        except tomllib.TOMLDecodeError:
            pass
        try:
            return json.loads(value)
        except ValueError:
            return value

    def __call__(self) -> dict[str, Any]:
        data = super().__call__()
        for name, value in self.env_vars.items():
            section, _, key = name[len(ENV_PREFIX) :].partition("__")
            if section not in self.settings_cls.model_fields:
                data.setdefault(section, {})[key] = value
        return data


class _TomlFile(TomlConfigSettingsSource):
    """The config file; a missing or malformed file, or an unknown section, is an error."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path | None) -> None:
        if path is not None and not path.is_file():
            raise ConfigError("--config", f"file {path} not found")
        super().__init__(settings_cls, toml_file=path)

    def _read_file(self, file_path: Path) -> dict[str, Any]:
        try:
            return super()._read_file(file_path)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError("--config", f"{file_path} is not valid TOML: {exc}") from None

    def __call__(self) -> dict[str, Any]:
        return dict(self.toml_data)  # every section, known or not: extra="forbid" names strays


def _unquoted(value: str) -> str:
    """'"abc"' and "'abc'" (a TOML string) become abc; anything else stays as it is."""
    if value[:1] not in ("'", '"'):
        return value
    try:
        parsed = tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return value
    return parsed if isinstance(parsed, str) else value


def load_settings(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """--config > SANGKIEN_CONFIG > ./config.toml > defaults; then env overrides; then checks."""
    env = dict(os.environ if env is None else env)
    token = _REQUEST.set((_config_path(path, env), env))
    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise ConfigError(key, first["msg"]) from None
    finally:
        _REQUEST.reset(token)
    _check_secrets(settings)
    return settings


def _config_path(path: str | Path | None, env: Mapping[str, str]) -> Path | None:
    if path:
        return Path(path)
    if env.get("SANGKIEN_CONFIG"):
        return Path(env["SANGKIEN_CONFIG"])
    default = Path("config.toml")
    return default if default.exists() else None


def _check_secrets(settings: Settings) -> None:
    for channel in ("telegram", "zalo"):
        platform: Platform = getattr(settings, channel)
        if not platform.enabled:
            continue
        if not platform.token:
            raise ConfigError(f"{channel}.token", "is required when the channel is enabled")
        if settings.mode(channel) == "webhook" and not platform.webhook_secret:  # type: ignore[arg-type]
            raise ConfigError(f"{channel}.webhook_secret", "is required in webhook mode")
    if settings.server.environment == "development":
        return
    for key, value in _secret_values(settings):
        if value.lower() in PLACEHOLDERS:
            raise ConfigError(key, "is a placeholder; set a real secret")
    if settings.server.secret_key and weak_key(settings.server.secret_key):
        raise ConfigError(
            "server.secret_key",
            f"is too weak: use at least {MIN_KEY_LENGTH} random characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(32))'), "
            "or leave it empty to have one generated",
        )


def weak_key(key: str) -> bool:
    """A signing key anyone could guess: short, repetitive or a placeholder."""
    lowered = key.lower()
    return (
        len(key) < MIN_KEY_LENGTH
        or len(set(key)) < MIN_KEY_DISTINCT
        or any(part in lowered for part in PLACEHOLDER_PARTS)
    )


def _secret_values(settings: Settings) -> list[tuple[str, str]]:
    return [
        ("telegram.token", settings.telegram.token),
        ("telegram.webhook_secret", settings.telegram.webhook_secret),
        ("zalo.token", settings.zalo.token),
        ("zalo.webhook_secret", settings.zalo.webhook_secret),
        ("admin.api_token", settings.admin.api_token),
        ("metrics.token", settings.metrics.token),
        ("server.secret_key", settings.server.secret_key),
    ]
