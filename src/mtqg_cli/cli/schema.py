"""`mtqg schema`: the JSON schema of the report that `--format json` writes."""

import typer


def schema() -> None:
    """Print the JSON schema of the report (`--format json`)."""
    import json

    from mtqg_cli.model.report import Report

    typer.echo(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2))
