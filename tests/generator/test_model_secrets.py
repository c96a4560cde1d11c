"""A generated model never shows a spec-marked secret in its repr (model template, PATCHES.md C10)."""

from __future__ import annotations

from opstatus._generated.graph_billing.models import Manifest

from generator.client_step import secret_wire_names
from tests.generator.spec_examples import spec_document


def test_a_property_marked_x_opstatus_secret_is_left_out_of_the_model_repr() -> None:
    manifest = Manifest.from_dict({"id": "m-1", "sasToken": "sv=2020-10-02&sig=SECRET-SIGNATURE"})

    assert "SECRET-SIGNATURE" not in repr(manifest)
    assert "m-1" in repr(manifest)
    assert manifest.sas_token == "sv=2020-10-02&sig=SECRET-SIGNATURE"
    assert manifest.to_dict()["sasToken"] == "sv=2020-10-02&sig=SECRET-SIGNATURE"


def test_secret_wire_names_are_found_wherever_the_spec_declares_them() -> None:
    assert secret_wire_names(spec_document("graph_billing")) == {"sasToken"}
    assert secret_wire_names(spec_document("monitor")) == frozenset()
