#!/usr/bin/env python3
"""Unit tests of generate.py: python3 -m unittest discover -s helm/schema (or run this file)."""
import io
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

GENERATOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate.py")


def schema_of(values):
    return json.loads(generate.generate(textwrap.dedent(values)))


def errors_of(values):
    try:
        generate.generate(textwrap.dedent(values))
    except generate.ValuesError as e:
        return str(e)
    raise AssertionError("no error for:\n" + values)


class Descriptions(unittest.TestCase):
    def test_one_line(self):
        s = schema_of("""
            # -- Pods of the operator.
            replicas: 2
        """)
        self.assertEqual(s["properties"]["replicas"]["description"], "Pods of the operator.")

    def test_continuation_lines_and_paragraphs(self):
        s = schema_of("""
            # -- First line
            # continues here.
            #
            # Second paragraph.
            key: x
        """)
        self.assertEqual(s["properties"]["key"]["description"], "First line continues here.\nSecond paragraph.")

    def test_comment_lines_above_the_marker_are_not_part_of_it(self):
        s = schema_of("""
            # ---- section header ----
            # A note for maintainers.
            # -- What the key does.
            key: x
        """)
        self.assertEqual(s["properties"]["key"]["description"], "What the key does.")

    def test_nested_keys_and_their_own_indentation(self):
        s = schema_of("""
            # -- The operator.
            operator:
              # -- Its image.
              image:
                # -- Registry.
                registry: docker.io
        """)
        image = s["properties"]["operator"]["properties"]["image"]
        self.assertEqual(image["description"], "Its image.")
        self.assertEqual(image["properties"]["registry"]["description"], "Registry.")

    def test_a_comment_at_another_indentation_does_not_describe_the_key(self):
        # The commented-out key's description must not become the next key's.
        msg = errors_of("""
            # -- A.
            a:
              # -- B.
              b: 1
              # -- A commented-out key.
              # c: 2
            # -- D.
            d:
              e: 1
        """)
        self.assertIn("d.e: no description", msg)

    def test_a_blank_line_separates_the_comment_from_the_key(self):
        msg = errors_of("""
            # -- Orphan.

            key: x
        """)
        self.assertIn("key: no description", msg)

    def test_the_schema_line_is_not_part_of_the_description(self):
        s = schema_of("""
            # -- Policy.
            # @schema {"enum": ["Fail", "Ignore"]}
            # continues.
            policy: Fail
        """)
        self.assertEqual(s["properties"]["policy"]["description"], "Policy. continues.")


class TypeInference(unittest.TestCase):
    def test_scalars(self):
        s = schema_of("""
            # -- s
            s: text
            # -- empty string
            e: ""
            # -- i
            i: 3
            # -- n
            n: 1.5
            # -- b
            b: false
            # -- duration stays a string
            d: 60s
        """)
        types = {k: v["type"] for k, v in s["properties"].items()}
        self.assertEqual(types, {"s": "string", "e": "string", "i": "integer", "n": "number", "b": "boolean", "d": "string"})

    def test_lists(self):
        s = schema_of("""
            # -- empty: items open
            empty: []
            # -- strings
            names: [a, b]
            # -- objects
            env:
              - name: A
                value: b
            # -- mixed
            mixed: [1, a]
        """)
        p = s["properties"]
        self.assertEqual(p["empty"], {"description": "empty: items open", "type": "array"})
        self.assertEqual(p["names"]["items"], {"type": "string"})
        self.assertEqual(p["env"]["items"], {"type": "object"})
        self.assertEqual(p["mixed"]["items"], {"type": ["integer", "string"]})

    def test_objects_are_closed(self):
        s = schema_of("""
            # -- outer
            outer:
              # -- inner
              inner:
                # -- leaf
                leaf: 1
        """)
        self.assertIs(s["additionalProperties"], False)
        outer = s["properties"]["outer"]
        self.assertEqual(outer["type"], "object")
        self.assertIs(outer["additionalProperties"], False)
        self.assertIs(outer["properties"]["inner"]["additionalProperties"], False)

    def test_draft_07_and_property_order_of_the_values_file(self):
        s = schema_of("""
            # -- z first
            z: 1
            # -- a second
            a: 2
        """)
        self.assertEqual(s["$schema"], "http://json-schema.org/draft-07/schema#")
        self.assertEqual(list(s["properties"]), ["z", "a"])


class Annotations(unittest.TestCase):
    def test_free_form_map_replaces_inference(self):
        s = schema_of("""
            # -- Labels.
            # @schema {"type": "object", "additionalProperties": {"type": "string"}}
            labels: {}
        """)
        self.assertEqual(s["properties"]["labels"],
                         {"description": "Labels.", "type": "object", "additionalProperties": {"type": "string"}})

    def test_pass_through_object_with_defaults_needs_no_child_descriptions(self):
        s = schema_of("""
            # -- Security context, passed through.
            # @schema {"type": "object"}
            podSecurityContext:
              runAsNonRoot: true
        """)
        self.assertEqual(s["properties"]["podSecurityContext"], {"description": "Security context, passed through.", "type": "object"})

    def test_without_type_merges_into_the_inferred_schema(self):
        s = schema_of("""
            # -- Policy.
            # @schema {"enum": ["Fail", "Ignore"]}
            policy: Fail
            # -- Open object keeps typed properties.
            # @schema {"additionalProperties": true}
            global:
              # -- registry
              registry: ""
        """)
        self.assertEqual(s["properties"]["policy"], {"description": "Policy.", "type": "string", "enum": ["Fail", "Ignore"]})
        g = s["properties"]["global"]
        self.assertIs(g["additionalProperties"], True)
        self.assertEqual(g["properties"]["registry"]["type"], "string")

    def test_type_annotation_allows_a_null_default(self):
        s = schema_of("""
            # -- Port or name.
            # @schema {"type": ["integer", "string", "null"]}
            port: ~
        """)
        self.assertEqual(s["properties"]["port"]["type"], ["integer", "string", "null"])

    def test_keyword_order_does_not_depend_on_how_the_annotation_is_written(self):
        a = generate.generate('# -- x\n# @schema {"maximum": 30, "minimum": 1}\nx: 2\n')
        b = generate.generate('# -- x\n# @schema {"minimum": 1, "maximum": 30}\nx: 2\n')
        self.assertEqual(a, b)
        self.assertTrue(a.endswith("}\n"))


class Errors(unittest.TestCase):
    def test_missing_description_names_the_key_path_and_line(self):
        msg = errors_of("""
            # -- The operator.
            operator:
              image:
                # -- Registry.
                registry: docker.io
        """)
        self.assertIn("values.yaml:4: operator.image: no description", msg)

    def test_plain_comment_is_not_a_description(self):
        self.assertIn("key: no description", errors_of("# A plain comment.\nkey: 1\n"))

    def test_empty_object_without_annotation(self):
        msg = errors_of("""
            # -- Pods.
            pods:
              # -- Node selector.
              nodeSelector: {}
        """)
        self.assertIn("pods.nodeSelector: the default is an empty object", msg)
        self.assertIn('@schema {"type": "object"', msg)

    def test_null_default_without_annotation(self):
        self.assertIn("key: the default is null", errors_of("# -- k\nkey: ~\n"))

    def test_bad_annotations(self):
        self.assertIn("is not valid JSON", errors_of("# -- k\n# @schema {type: object}\nkey: 1\n"))
        self.assertIn("must be a JSON object", errors_of('# -- k\n# @schema ["x"]\nkey: 1\n'))
        self.assertIn("more than one `# @schema` line",
                      errors_of('# -- k\n# @schema {"minimum": 1}\n# @schema {"maximum": 2}\nkey: 1\n'))

    def test_two_descriptions(self):
        self.assertIn("a second `# --` line", errors_of("# -- one\n# -- two\nkey: 1\n"))

    def test_flow_mapping_with_keys(self):
        self.assertIn("block style", errors_of("# -- m\nm: {a: 1}\n"))

    def test_every_problem_is_reported_at_once(self):
        msg = errors_of("a: 1\nb: 2\n")
        self.assertIn("a: no description", msg)
        self.assertIn("b: no description", msg)

    def test_top_level_must_be_a_mapping(self):
        self.assertIn("top level must be a mapping", errors_of("- a\n"))


class CommandLine(unittest.TestCase):
    def run_generator(self, *args):
        return subprocess.run([sys.executable, GENERATOR, *args], capture_output=True, text=True)

    def test_writes_then_checks_then_detects_drift(self):
        with tempfile.TemporaryDirectory() as d:
            values, schema = os.path.join(d, "values.yaml"), os.path.join(d, "values.schema.json")
            with open(values, "w") as f:
                f.write("# -- k\nkey: 1\n")
            self.assertEqual(self.run_generator("--values", values, "--output", schema).returncode, 0)
            self.assertEqual(self.run_generator("--values", values, "--output", schema, "--check").returncode, 0)
            with open(values, "a") as f:
                f.write("# -- new\nnew: x\n")
            r = self.run_generator("--values", values, "--output", schema, "--check")
            self.assertEqual(r.returncode, 1)
            self.assertIn("run helm/schema/generate.py", r.stderr)
            self.assertIn('+    "new": {', r.stdout)

    def test_errors_write_nothing(self):
        with tempfile.TemporaryDirectory() as d:
            values, schema = os.path.join(d, "values.yaml"), os.path.join(d, "values.schema.json")
            with open(values, "w") as f:
                f.write("key: 1\n")
            r = self.run_generator("--values", values, "--output", schema)
            self.assertEqual(r.returncode, 1)
            self.assertIn("key: no description", r.stderr)
            self.assertFalse(os.path.exists(schema))


if __name__ == "__main__":
    unittest.main()
