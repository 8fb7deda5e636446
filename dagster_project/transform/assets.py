"""dbt models as Dagster assets, downstream of the ingest assets; dbt tests become asset checks."""

from typing import Any, Mapping

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from .. import paths
from .project import dbt_project


class Translator(DagsterDbtTranslator):
    """Keys mirror the warehouse: [schema, name]. Sources in schema raw are the ingest assets."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        schema = dbt_resource_props["config"].get("schema") or "main"
        return dg.AssetKey([schema, dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["config"].get("schema") or "seeds"


class DbtConfig(dg.Config):
    full_refresh: bool = False  # rebuild incremental models from scratch (a checkbox in the launchpad)


def dbt_args(config: DbtConfig) -> list[str]:
    return ["build", "--full-refresh"] if config.full_refresh else ["build"]


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=Translator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, config: DbtConfig):
    paths.export_build_path()
    yield from dbt.cli(dbt_args(config), context=context).stream()
