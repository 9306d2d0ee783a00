#!/usr/bin/env python3
"""Generates the chart's values.schema.json from its values.yaml, comments included.

  helm/schema/generate.py            writes helm/tessera/values.schema.json
  helm/schema/generate.py --check    exits 1 (with a diff) when the committed schema is stale

Conventions read from values.yaml (the contract with everyone who adds values keys):
  - Every key has a description: a comment line `# -- text` directly above it, at the key's
    indentation, continued by the following `# text` lines. Comment lines above the `# --` line
    (section headers) are not part of it. A bare `#` line starts a new paragraph.
  - The type comes from the default value: string, integer, number, boolean, array (items typed
    from the elements when the list is not empty), object (one property per key).
  - Every object is closed (`additionalProperties: false`) so a misspelt key in a user's values
    file fails `helm install` instead of being ignored.
  - ONE line `# @schema {json}` among a key's comment lines adjusts its schema. With `"type"` it
    REPLACES the inferred schema and the key's children are neither described nor checked
    (free-form maps, objects passed through verbatim); without `"type"` it is merged into the
    inferred schema, its keywords winning (enum, minimum, pattern, additionalProperties: true...).
  - An empty-object or null default says nothing about its content: it needs a `# @schema`.
Every problem is reported with its file:line and key path; nothing is written then.
"""
import argparse
import difflib
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_VALUES = os.path.join(HERE, "..", "tessera", "values.yaml")
DEFAULT_SCHEMA = os.path.join(HERE, "..", "tessera", "values.schema.json")
DRAFT = "http://json-schema.org/draft-07/schema#"

DESCRIPTION_MARK = "# --"
SCHEMA_MARK = "# @schema"

# YAML tags of scalar defaults and the JSON schema type they mean. A timestamp is a string for
# Helm (its YAML library keeps unquoted dates as strings).
SCALAR_TYPES = {
    "tag:yaml.org,2002:str": "string",
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:timestamp": "string",
}
NULL_TAG = "tag:yaml.org,2002:null"

# Order of keywords in every generated schema object, so that output never depends on how an
# annotation was written; keywords not listed follow alphabetically.
KEYWORD_ORDER = ["$schema", "$comment", "title", "description", "type", "enum", "const", "default",
                 "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minLength",
                 "maxLength", "pattern", "format", "items", "minItems", "maxItems", "uniqueItems",
                 "required", "properties", "patternProperties", "additionalProperties"]
SUBSCHEMA_KEYWORDS = {"items", "additionalProperties", "additionalItems", "not", "if", "then",
                      "else", "contains", "propertyNames"}
SUBSCHEMA_LIST_KEYWORDS = {"anyOf", "oneOf", "allOf"}
SUBSCHEMA_MAP_KEYWORDS = {"properties", "patternProperties", "definitions", "dependencies"}


class ValuesError(Exception):
    """All problems found in a values file, one per line."""


class Generator:
    def __init__(self, text, filename):
        self.lines = text.splitlines()
        self.filename = filename
        self.errors = []
        try:
            self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as e:
            raise ValuesError(f"{filename}: not valid YAML: {e}") from e

    def error(self, line, path, message):
        self.errors.append((line, f"{self.filename}:{line + 1}: {path or '(root)'}: {message}"))

    def generate(self):
        if not isinstance(self.root, yaml.MappingNode):
            raise ValuesError(f"{self.filename}: the top level must be a mapping of keys")
        schema = {
            "$schema": DRAFT,
            "$comment": "Generated from values.yaml by helm/schema/generate.py; do not edit.",
            **self.object_schema("", self.root),
        }
        if self.errors:
            raise ValuesError("\n".join(m for _, m in sorted(self.errors)))
        return normalize(schema)

    # -- comments --------------------------------------------------------------------------------
    def comment_block(self, key_node):
        """The comment lines directly above a key at its indentation (top to bottom)."""
        line, column = key_node.start_mark.line, key_node.start_mark.column
        block = []
        i = line - 1
        while i >= 0:
            text = self.lines[i]
            stripped = text.lstrip(" ")
            if not stripped.startswith("#") or len(text) - len(stripped) != column:
                break
            block.append((i, stripped.rstrip()))
            i -= 1
        block.reverse()
        return block

    def description_and_annotation(self, path, key_node):
        """(description or None, annotation dict or None) of a key, reporting malformed ones."""
        description, annotation, paragraphs = None, None, None
        for i, text in self.comment_block(key_node):
            if text.startswith(SCHEMA_MARK):
                if annotation is not None:
                    self.error(i, path, f"more than one `{SCHEMA_MARK}` line; put everything in one JSON object")
                    continue
                annotation = self.parse_annotation(i, path, text[len(SCHEMA_MARK):].strip())
            elif text == DESCRIPTION_MARK or text.startswith(DESCRIPTION_MARK + " "):  # not `# ----`
                if paragraphs is not None:
                    self.error(i, path, f"a second `{DESCRIPTION_MARK}` line above one key; continue the description with `# ` lines")
                    continue
                paragraphs = [[text[len(DESCRIPTION_MARK):].strip()]]
            elif paragraphs is not None:
                rest = text[1:].strip()
                if rest:
                    paragraphs[-1].append(rest)
                else:
                    paragraphs.append([])
        if paragraphs is not None:
            description = "\n".join(" ".join(p) for p in paragraphs if p).strip()
        if not description:
            self.error(key_node.start_mark.line, path,
                       f"no description: add a `{DESCRIPTION_MARK} <what it does>` comment line directly above the key, at its indentation")
        return description, annotation

    def parse_annotation(self, line, path, text):
        try:
            annotation = json.loads(text)
        except json.JSONDecodeError as e:
            self.error(line, path, f"`{SCHEMA_MARK}` is not valid JSON ({e}): {text}")
            return {}
        if not isinstance(annotation, dict):
            self.error(line, path, f"`{SCHEMA_MARK}` must be a JSON object, got: {text}")
            return {}
        return annotation

    # -- schemas ---------------------------------------------------------------------------------
    def object_schema(self, path, node):
        """Closed object schema of a mapping node: one described property per key."""
        if node.flow_style and node.value:
            self.error(node.start_mark.line, path, "write non-empty mappings in block style so that each key can be described")
        properties = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:str"):
                self.error(key_node.start_mark.line, path, f"key {key_node.value!r} is not a string")
                continue
            key = key_node.value
            child = f"{path}.{key}" if path else key
            properties[key] = self.property_schema(child, key_node, value_node)
        return {"type": "object", "properties": properties, "additionalProperties": False}

    def property_schema(self, path, key_node, value_node):
        description, annotation = self.description_and_annotation(path, key_node)
        if annotation and "type" in annotation:
            schema = dict(annotation)  # replaces inference: the key's content is free-form
        else:
            schema = self.inferred_schema(path, value_node, annotated=annotation is not None)
            schema.update(annotation or {})
        if description:
            schema["description"] = description
        return schema

    def inferred_schema(self, path, node, annotated):
        line = node.start_mark.line
        if isinstance(node, yaml.MappingNode):
            if not node.value and not annotated:
                self.error(line, path, f"the default is an empty object, which says nothing about its content: add "
                                       f"`{SCHEMA_MARK} {{\"type\": \"object\", \"additionalProperties\": {{\"type\": \"string\"}}}}` "
                                       f"(a map of strings) or `{SCHEMA_MARK} {{\"type\": \"object\"}}` (passed through verbatim)")
            return self.object_schema(path, node)
        if isinstance(node, yaml.SequenceNode):
            schema = {"type": "array"}
            items = self.items_schema(path, node)
            if items:
                schema["items"] = items
            return schema
        if node.tag == NULL_TAG:
            if not annotated:
                self.error(line, path, f"the default is null, which has no type: give a default or a `{SCHEMA_MARK} {{\"type\": ...}}` line")
            return {}
        if node.tag in SCALAR_TYPES:
            return {"type": SCALAR_TYPES[node.tag]}
        self.error(line, path, f"cannot infer a type from a default tagged {node.tag}: add a `{SCHEMA_MARK} {{\"type\": ...}}` line")
        return {}

    def items_schema(self, path, node):
        """Type of a non-empty list's elements; an empty list leaves its items open."""
        types = []
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                t = "object"
            elif isinstance(item, yaml.SequenceNode):
                t = "array"
            elif item.tag in SCALAR_TYPES:
                t = SCALAR_TYPES[item.tag]
            else:
                self.error(item.start_mark.line, path, f"cannot infer the type of list element {item.value!r}: add a `{SCHEMA_MARK}` line")
                continue
            if t not in types:
                types.append(t)
        if not types:
            return None
        return {"type": types[0] if len(types) == 1 else sorted(types)}


def normalize(schema):
    """Same schema with keywords in KEYWORD_ORDER (property names keep the values.yaml order)."""
    def rank(k):
        return (KEYWORD_ORDER.index(k), "") if k in KEYWORD_ORDER else (len(KEYWORD_ORDER), k)
    out = {}
    for k in sorted(schema, key=rank):
        v = schema[k]
        if k in SUBSCHEMA_KEYWORDS and isinstance(v, dict):
            v = normalize(v)
        elif k in SUBSCHEMA_LIST_KEYWORDS and isinstance(v, list):
            v = [normalize(s) if isinstance(s, dict) else s for s in v]
        elif k in SUBSCHEMA_MAP_KEYWORDS and isinstance(v, dict):
            v = {name: normalize(s) if isinstance(s, dict) else s for name, s in v.items()}
        out[k] = v
    return out


def render(schema):
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def generate(text, filename="values.yaml"):
    """The schema JSON text for a values.yaml text; raises ValuesError listing every problem."""
    return render(Generator(text, filename).generate())


def main(argv=None):
    # The help is the module docstring: it states the conventions an error message points to.
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--values", default=DEFAULT_VALUES, help="values file (default: the chart's values.yaml)")
    parser.add_argument("--output", default=DEFAULT_SCHEMA, help="schema file (default: the chart's values.schema.json)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 with a diff when the schema file is not what values.yaml generates")
    args = parser.parse_args(argv)
    try:
        with open(args.values, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        sys.exit(f"generate.py: cannot read the values file: {e}")
    try:
        schema = generate(text, os.path.relpath(args.values))
    except ValuesError as e:
        sys.exit(f"{e}\ngenerate.py: values.yaml breaks the schema conventions (helm/schema/generate.py --help); nothing written")
    if args.check:
        try:
            with open(args.output, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if current != schema:
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), schema.splitlines(True),
                                                       args.output + " (committed)", args.output + " (generated)"))
            sys.exit(f"generate.py: {os.path.relpath(args.output)} is out of date with values.yaml: run helm/schema/generate.py")
        return
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(schema)


if __name__ == "__main__":
    main()
