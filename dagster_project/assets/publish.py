"""warehouse/published: the build file, copied to DUCKDB_PATH once every dbt model is built."""

import dagster as dg

from .. import warehouse
from ..transform.assets import dbt_models


@dg.asset(
    key=["warehouse", "published"],
    group_name="publish",
    kinds={"duckdb"},
    # Downstream of every dbt model: a failed model or error-severity test skips this step, so
    # analysts keep the previous complete warehouse. Not of the seeds, which a refresh over a
    # complete build leaves as loaded (transform/assets.py): they would skip it too.
    deps=[key for key in dbt_models.keys if key.path[0] != "seeds"],
    description="The warehouse analysts read (DUCKDB_PATH): a read-only copy of the build file, "
                "swapped in atomically after a complete build. Open connections keep the previous "
                "copy until they reconnect.",
)
def published_warehouse(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    path, written = warehouse.publish()
    context.log.info(f"published {path} ({written:,} bytes written)")
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)),
                                          "size_bytes": dg.MetadataValue.int(path.stat().st_size),
                                          "bytes_written": dg.MetadataValue.int(written)})
