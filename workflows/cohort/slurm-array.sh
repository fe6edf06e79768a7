#!/usr/bin/env bash
# Slurm array mode, for sites that want one array of N tasks rather than N jobs (profiles/slurm submits one job per
# shard). Each array task ranks one shard through the same Snakefile (so the same pinned snapshot check and command):
#
#   snakemake -s workflows/cohort/Snakefile --configfile cohort.yaml --cores 1 --until shard check_snapshot
#   jid=$(sbatch --parsable --array=0-$((SHARDS - 1))%50 --cpus-per-task=2 --mem=3G --time=01:00:00 \
#         --account=ACCOUNT --partition=PARTITION workflows/cohort/slurm-array.sh workflows/cohort/Snakefile cohort.yaml)
#   sbatch --dependency=afterok:$jid --account=ACCOUNT --partition=PARTITION --wrap \
#         "snakemake -s workflows/cohort/Snakefile --configfile cohort.yaml --cores 1"   # merge: only what is missing runs
#
# Outside Slurm it runs one shard when SLURM_ARRAY_TASK_ID is set (how the tests check it).
#SBATCH --job-name=rarediag-rank
#SBATCH --output=rarediag-rank-%A_%a.log
set -euo pipefail
snakefile="${1:?usage: slurm-array.sh SNAKEFILE CONFIG.yaml}"
config="${2:?usage: slurm-array.sh SNAKEFILE CONFIG.yaml}"
shard=$(printf '%03d' "${SLURM_ARRAY_TASK_ID:?not a Slurm array task (SLURM_ARRAY_TASK_ID is unset)}")
out=$(python3 -c 'import sys, yaml; print((yaml.safe_load(open(sys.argv[1])) or {}).get("out", "results"))' "$config")
# --nolock: the array's tasks share one working directory, each writing only its own shard
exec snakemake --snakefile "$snakefile" --configfile "$config" --cores "${SLURM_CPUS_PER_TASK:-2}" --nolock "$out/ranked/shard-$shard.jsonl"
