#!/usr/bin/env python3
"""Prints every image reference of rendered manifests, one per line, in document order.

  helm/lib/image_refs.py <rendered.yaml>...

An image reference is an `image:` field, or the value of an environment variable whose name ends
in _IMAGE (the operator's default worker image, which it later puts into the pods it creates).
Shared by helm/test.sh (air-gap checks) and helm/list-images.sh (the list of images to mirror).
"""
import sys

import yaml


def walk(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "image" and isinstance(v, str):
                yield v
            elif k == "env" and isinstance(v, list):
                for e in v:
                    if isinstance(e, dict) and str(e.get("name", "")).endswith("_IMAGE") and "value" in e:
                        yield e["value"]
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)


def main(paths):
    if not paths:
        sys.exit("usage: image_refs.py <rendered.yaml>...")
    for path in paths:
        try:
            with open(path) as f:
                docs = list(yaml.safe_load_all(f))
        except (OSError, yaml.YAMLError) as e:
            sys.exit(f"image_refs.py: cannot read {path}: {e}")
        for doc in docs:
            for ref in walk(doc):
                print(ref)


if __name__ == "__main__":
    main(sys.argv[1:])
