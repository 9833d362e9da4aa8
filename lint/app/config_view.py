"""``gwlint config``: the merged configuration of a folder, and the rules it runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class ConfigView:
    path: Path | None  # the configuration file, None for the defaults
    rules: int  # how many rules run
    yaml: str  # the merged configuration as YAML
    cache: Path | None  # the start-up cache, None when turned off


def describe(config: str | None, start: str | None) -> ConfigView:
    import yaml

    from ..cache import get_cache
    from ..config.file import find_config, load_config
    from ..config.settings import resolve

    cfg_path = Path(config) if config else find_config(Path(start) if start else Path.cwd())
    cfg = load_config(cfg_path)
    settings, rules = resolve(cfg)
    data = cfg.as_dict()
    data["fail-level"] = settings.fail_level
    data["rules-run"] = [r.code for r in rules]
    if cfg.reference_dirs:  # which word lists the folders replace or extend, from which files
        from ..engine.wordlists import list_origins

        data["word-lists"] = list_origins(cfg.reference_dirs)
    return ConfigView(cfg_path, len(rules), yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      get_cache().path)
