"""Tags a JSON Lines corpus on Spark with navne, and writes the tables users build from it.

    spark-submit examples/spark/tag_corpus.py CORPUS.jsonl OUT [--via pipe|arrow]
                 [--navne PATH] [--partitions N]

Two ways to run navne on the executors, with the same rows out:

- `--via pipe` (the default): each partition's lines go through `navne tag` as a stream
  mapper (`rdd.pipe`): JSON Lines in on standard input, one JSON object per mention out
  (`--format jsonl`), bad lines reported on the executor's stderr and skipped
  (`--keep-going`), so one malformed document never fails a task. The `navne` binary must be
  on every executor (`--navne` names it; `cargo install --path .` puts one on the PATH, or
  ship it with `--files`).
- `--via arrow`: `mapInArrow` with the Python package (`pip install ./bindings/python` on
  every executor, and pyarrow): each Arrow batch of lines is parsed and tagged in the Python
  worker with `navne.Tagger.pipe` (rayon threads, the GIL released) and comes back as an
  Arrow batch of mentions, with no process or text format in between. A line that is not a
  JSON document with a string `text` is reported on the executor's stderr and skipped, as
  the mapper skips it.

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


def tag_arrow_batches(batches):
    """mapInArrow's function: Arrow batches of JSON lines in, Arrow batches of mentions out."""
    import sys

    import navne
    import pyarrow as pa

    schema = pa.schema(
        [pa.field(f.name, pa.int64() if f.name in ("start", "end") else pa.string(), f.nullable)
         for f in MENTION.fields]
    )
    tagger = navne.Tagger()  # built once per task: the gazetteers load in a fraction of a second
    for batch in batches:
        docs = []
        for line in batch.column(0).to_pylist():
            try:
                doc = json.loads(line)
                if not isinstance(doc.get("text"), str):
                    raise ValueError("no string field text")
            except (ValueError, AttributeError) as e:
                print(f"navne: skipped a line: {e}", file=sys.stderr)
                continue
            docs.append(doc)
        columns = {f.name: [] for f in MENTION.fields}
        for doc, found in zip(docs, tagger.pipe(d["text"] for d in docs)):
            for m in found:
                columns["doc_id"].append(str(doc.get("id")))
                columns["date"].append(doc.get("date"))
                columns["start"].append(m.start)
                columns["end"].append(m.end)
                columns["mention"].append(m.text)
                columns["label"].append(m.label)
                columns["entity_id"].append(m.entity_id)
                columns["canonical"].append(m.canonical)
                columns["method"].append(m.method)
        yield pa.RecordBatch.from_pydict(columns, schema=schema)


def mentions_arrow(spark, corpus, partitions):
    """The mentions of the JSON Lines file `corpus`, tagged in the Python workers."""
    lines = spark.read.text(corpus).repartition(partitions)
    return lines.mapInArrow(tag_arrow_batches, MENTION)


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
    p.add_argument("--via", choices=("pipe", "arrow"), default="pipe",
                   help="rdd.pipe through the navne binary, or mapInArrow with the Python package")
    p.add_argument("--navne", default="navne", help="the navne binary on the executors (--via pipe)")
    p.add_argument("--partitions", type=int, default=4)
    args = p.parse_args()
    spark = SparkSession.builder.appName("navne").getOrCreate()
    if args.via == "arrow":
        df = mentions_arrow(spark, args.corpus, args.partitions).cache()
    else:
        df = mentions(spark, args.corpus, args.navne, args.partitions).cache()
    df.write.mode("overwrite").partitionBy("label").parquet(f"{args.out}/mentions")
    entity_month(df).write.mode("overwrite").parquet(f"{args.out}/entity_month")
    spark.stop()


if __name__ == "__main__":
    main()
