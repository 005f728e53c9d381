#!/usr/bin/env python3
"""YAML (stdin) -> JSON (stdout) for the JSON Schema test. Dates stay strings (takehome reads 2026-11-27 as text
YYYY-MM-DD; PyYAML's YAML 1.1 timestamp rule would turn them into date objects JSON has no type for)."""
import json
import sys

import yaml


class Loader(yaml.SafeLoader):
    pass


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

json.dump(yaml.load(sys.stdin, Loader=Loader), sys.stdout, ensure_ascii=False)
