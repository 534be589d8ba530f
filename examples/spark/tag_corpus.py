"""Tags a JSON Lines corpus on Spark with navne, and writes the tables users build from it.

    spark-submit examples/spark/tag_corpus.py CORPUS.jsonl OUT [--navne PATH] [--partitions N]

Each partition's lines go through `navne tag` as a stream mapper (`rdd.pipe`): JSON Lines in
on standard input, one JSON object per mention out (`--format jsonl`), bad lines reported on
the executor's stderr and skipped (`--keep-going`), so one malformed document never fails a
task. The `navne` binary must be on every executor (`--navne` names it; `cargo install --path .`
puts one on the PATH, or ship it with `--files`).

Writes two Parquet datasets under OUT:

- `mentions/`: one row per mention, navne's columns (`doc_id, date, start, end, mention,
  label, entity_id, canonical, method`), partitioned by label;
- `entity_month/`: mentions and documents per entity (label, canonical name, entity id) per
  month (`YYYY-MM` of the document's date).
"""

import argparse
import json
import shlex

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

# navne's columns, as `--format jsonl` writes them.
MENTION = T.StructType(
    [
        T.StructField("doc_id", T.StringType(), False),
        T.StructField("date", T.StringType(), True),
        T.StructField("start", T.LongType(), False),
        T.StructField("end", T.LongType(), False),
        T.StructField("mention", T.StringType(), False),
        T.StructField("label", T.StringType(), False),
        T.StructField("entity_id", T.StringType(), True),
        T.StructField("canonical", T.StringType(), False),
        T.StructField("method", T.StringType(), False),
    ]
)


def mentions(spark, corpus, navne, partitions):
    """The mentions of the JSON Lines file `corpus`, tagged by `navne` in each partition."""
    lines = spark.sparkContext.textFile(corpus, minPartitions=partitions)
    command = shlex.join([navne, "tag", "--format", "jsonl", "--keep-going", "--quiet", "-"])
    # checkCode: a run that fails outright (exit 2: a usage error, unwritable output) fails
    # the task; a bad line does not fail the run under --keep-going.
    tagged = lines.pipe(command, checkCode=True).map(json.loads)
    return spark.createDataFrame(
        tagged.map(lambda m: tuple(m[f.name] for f in MENTION.fields)), MENTION
    )


def entity_month(df):
    """Mentions and documents per entity per month."""
    return (
        df.withColumn("month", F.substring("date", 1, 7))
        .groupBy("month", "label", "canonical", "entity_id")
        .agg(F.count("*").alias("mentions"), F.countDistinct("doc_id").alias("documents"))
    )


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus", help="a JSON Lines file (or directory of them) of articles")
    p.add_argument("out", help="directory for the Parquet datasets")
    p.add_argument("--navne", default="navne", help="the navne binary on the executors")
    p.add_argument("--partitions", type=int, default=4)
    args = p.parse_args()
    spark = SparkSession.builder.appName("navne").getOrCreate()
    df = mentions(spark, args.corpus, args.navne, args.partitions).cache()
    df.write.mode("overwrite").partitionBy("label").parquet(f"{args.out}/mentions")
    entity_month(df).write.mode("overwrite").parquet(f"{args.out}/entity_month")
    spark.stop()


if __name__ == "__main__":
    main()
