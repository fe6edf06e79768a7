"""A PhEval runner for rarediag (pheval >= 0.5).

rarediag writes PhEval's result tables itself (`rarediag rank --pheval-out`), so this runner only calls it and hands
each table to PhEval's post-processing, which ranks it (equal scores share the worst rank), marks the true positives
from the phenopackets and writes the standardised Parquet files the benchmark reads.

Register it in a plugin package's pyproject.toml:

    [project.entry-points."pheval.plugins"]
    rarediagrunner = "rarediag_runner:RarediagRunner"

and run: pheval run -i INPUT_DIR -t TESTDATA_DIR -r rarediagrunner -o OUTPUT_DIR
(TESTDATA_DIR holds phenopackets/ and, for exomes, vcf/; INPUT_DIR holds PhEval's config.yaml, whose
tool_specific_configuration_options may name `rarediag` (the command), `snapshot` and `top`.)
"""

import subprocess
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from pheval.post_processing.post_processing import (
    SortOrder,
    generate_disease_result,
    generate_gene_result,
    generate_variant_result,
)
from pheval.runners.runner import PhEvalRunner

# Read with the schema, never by inference: a chromosome "4" is a string, and a score must be Float64.
SCHEMAS = {
    "gene": {"gene_symbol": pl.String, "gene_identifier": pl.String, "score": pl.Float64},
    "variant": {
        "chrom": pl.String,
        "start": pl.Int64,
        "end": pl.Int64,
        "ref": pl.String,
        "alt": pl.String,
        "score": pl.Float64,
        "grouping_id": pl.String,
    },
    "disease": {"disease_identifier": pl.String, "score": pl.Float64, "disease_name": pl.String},
}
GENERATORS = {"gene": generate_gene_result, "variant": generate_variant_result, "disease": generate_disease_result}


@dataclass
class RarediagRunner(PhEvalRunner):
    input_dir: Path
    testdata_dir: Path
    tmp_dir: Path
    output_dir: Path
    config_file: Path
    version: str

    def _options(self) -> dict:
        return dict(self.input_dir_config.tool_specific_configuration_options or {})

    def prepare(self):
        """Nothing to prepare: rarediag reads phenopackets and VCFs as they are."""

    def run(self):
        options = self._options()
        command = [
            options.get("rarediag", "rarediag"),
            "rank",
            "--phenopackets", str(Path(self.testdata_dir, "phenopackets")),
            "--pheval-out", str(self.raw_results_dir),
            "--top", str(options.get("top", 100)),
        ]
        vcf_dir = Path(self.testdata_dir, "vcf")
        if vcf_dir.is_dir():
            command += ["--vcf-dir", str(vcf_dir)]
        if options.get("snapshot"):
            command += ["--snapshot", str(options["snapshot"])]
        Path(self.tool_input_commands_dir).mkdir(parents=True, exist_ok=True)
        Path(self.tool_input_commands_dir, "rarediag_command.txt").write_text(" ".join(command) + "\n")
        subprocess.run(command, check=True)

    def post_process(self):
        config = self.input_dir_config
        wanted = {"gene": config.gene_analysis, "variant": config.variant_analysis, "disease": config.disease_analysis}
        phenopacket_dir = Path(self.testdata_dir, "phenopackets")
        for kind, on in wanted.items():
            if not on:
                continue
            suffix = f"-{kind}_result.tsv"
            for table in sorted(Path(self.raw_results_dir).glob(f"*{suffix}")):
                results = pl.read_csv(table, separator="\t", schema_overrides=SCHEMAS[kind])
                # PhEval finds the phenopacket by the result path's stem (Path.stem): rarediag's suffix off, ".tsv" on
                stem = Path(table.name[: -len(suffix)] + ".tsv")
                GENERATORS[kind](
                    results=results,
                    sort_order=SortOrder.DESCENDING,
                    output_dir=Path(self.output_dir),
                    result_path=stem,
                    phenopacket_dir=phenopacket_dir,
                )
