//! `crossread`: the command-line shell around the crossread library.
//!
//! Exit codes: 0 success; 2 some input could not be read (each problem is printed on stderr as
//! one line naming the file, and whatever could be read is still used); 1 any other failure.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use crossread::ingest::{self, Ingested, Item, Progress};
use crossread::model::{Article, Brief, Budget, Cluster, Story};
use crossread::pipeline::{self, Briefer};
use crossread::render;
use crossread::summarize::{Config, Summarizer};
use crossread::{cluster, dedup, eval};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

#[derive(Parser, Debug)]
#[command(
    name = "crossread",
    version,
    about = "One trustworthy, cited brief per news story, offline."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Worker threads for data sets with many clusters (default: one per core; also
    /// CROSSREAD_THREADS). Output does not depend on it.
    #[arg(long, global = true, value_name = "N", env = "CROSSREAD_THREADS")]
    threads: Option<usize>,
    /// Log what each stage does on stderr (repeat for more detail).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Summarize the articles about one story into a brief whose every sentence cites its sources.
    Brief {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        #[command(flatten)]
        budget: BudgetArgs,
        /// Group the articles into stories first and print one brief per story, largest first.
        #[arg(long)]
        all: bool,
        /// Article files or directories (.txt, .md, .json, .jsonl, .html, .html.gz, .warc,
        /// .warc.gz, Multi-News, DUC/TREC SGML).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the articles the inputs hold, as read: from a web page its main text and metadata.
    /// One {"id","title","text","date","byline","source","url","lang"} per article.
    Extract {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
        /// Article files or directories (.html, .htm, .html.gz, .warc, .warc.gz, .txt, .md,
        /// .json, .jsonl, ...). Each article is printed as soon as it is read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Group articles into stories and list near-duplicate (syndicated) copies.
    Cluster {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ClusterFormat::Json)]
        format: ClusterFormat,
        /// Article files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Cluster labeled articles (JSONL lines with a "label") and score against the labels:
    /// pairwise and B-cubed precision, recall and F1.
    EvalClusters {
        /// Print the scores as JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// JSONL files of articles with a "label" field.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Summarize every cluster of a data set; writes {"id","summary"} per line to stdout.
    Summarize {
        #[command(flatten)]
        budget: BudgetArgs,
        /// Cluster files (JSONL with "documents", Multi-News, ...).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Summarize every cluster and score against its references with ROUGE-1/2/L.
    Eval {
        #[command(flatten)]
        budget: BudgetArgs,
        /// Print the scores as JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Cluster files with reference summaries.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Args, Debug, Clone, Copy)]
#[group(multiple = false)]
struct BudgetArgs {
    /// Summary length limit in words (default 250).
    #[arg(long, value_name = "N")]
    words: Option<usize>,
    /// Summary length limit in bytes.
    #[arg(long, value_name = "N")]
    bytes: Option<usize>,
}

impl BudgetArgs {
    fn budget(self) -> Budget {
        match (self.words, self.bytes) {
            (_, Some(b)) => Budget::Bytes(b),
            (Some(w), _) => Budget::Words(w),
            (None, None) => Budget::Words(250),
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ExtractFormat {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
}

/// One article as `extract` prints it: every field present, `null` when unknown.
#[derive(Serialize)]
struct Extracted<'a> {
    id: &'a str,
    title: Option<&'a str>,
    text: &'a str,
    date: Option<&'a str>,
    byline: Option<&'a str>,
    source: &'a str,
    url: Option<&'a str>,
    lang: Option<&'a str>,
}

impl<'a> From<&'a Article> for Extracted<'a> {
    fn from(a: &'a Article) -> Self {
        Extracted {
            id: &a.id,
            title: a.title.as_deref(),
            text: &a.text,
            date: a.date.as_deref(),
            byline: a.byline.as_deref(),
            source: &a.source,
            url: a.url.as_deref(),
            lang: a.lang.as_deref(),
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ClusterFormat {
    /// {"stories":[{"id","title","articles","first","last"}],"near_duplicates":[[id,id],...]}
    Json,
    /// A readable list of stories and copies.
    Md,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Markdown with [n] markers and a numbered source list.
    Md,
    /// JSON: articles, summary sentences, their sources and byte spans.
    Json,
    /// A self-contained HTML page.
    Html,
}

// The pipeline allocates many small vectors per sentence; mimalloc cut whole-run time by about
// a third against glibc malloc (measured with hyperfine on multinews_dev92, BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    if let Some(n) = cli.threads {
        // Only fails if a global pool exists already, which nothing here builds before.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("crossread: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("CROSSREAD_LOG")
        // The HTML parser logs unsupported-markup notices ("foster parenting not implemented")
        // at warn level for ordinary pages; they are not the user's problem.
        .unwrap_or_else(|_| {
            tracing_subscriber::EnvFilter::new(format!("{level},html5ever=error,markup5ever=error"))
        });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .init();
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Reads the inputs, printing each problem as one line. Returns the ingested data and whether
/// anything went wrong.
fn read(paths: &[PathBuf]) -> (Ingested, bool) {
    let mut ingested = Ingested::default();
    let failed = stream(paths, |item, _| ingested.push(item));
    (ingested, failed)
}

/// Reads the inputs, handing each article and cluster to `on` as soon as it is read (with the
/// run's [`Progress`], whose `cancel` stops reading). Each problem is printed on stderr as one
/// line; warnings are logged at `info`. Returns whether anything went wrong.
///
/// While reading, a progress bar on stderr shows the bytes read of the (compressed) files and
/// the WARC records and articles so far, when stderr is a terminal; never in pipes or tests.
fn stream(paths: &[PathBuf], mut on: impl FnMut(Item, &Progress)) -> bool {
    let progress = Progress::default();
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(PROGRESS_TEMPLATE)
                // A constant, checked by the `progress_bar_template` test.
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar
    });
    let done = AtomicBool::new(false);
    let mut failed = false;
    std::thread::scope(|scope| {
        // The library only counts; this thread polls the counters ten times a second.
        let poller = bar.as_ref().map(|bar| {
            scope.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    show_progress(bar, &progress);
                    std::thread::park_timeout(Duration::from_millis(100));
                }
            })
        });
        ingest::for_each_item(
            paths,
            &ingest::Options::default(),
            &progress,
            |item| match item {
                Item::Error(e) => {
                    failed = true;
                    let line = format!("crossread: {e}");
                    match &bar {
                        Some(bar) => bar.suspend(|| eprintln!("{line}")),
                        None => eprintln!("{line}"),
                    }
                }
                // Warnings are not failures. A page skipped as a copy of another URL and an
                // article renamed because its id was taken are shown (the user may wonder where
                // it went, or why its id changed); empty records, common in data sets, only
                // with -v.
                Item::Warning(
                    w @ (ingest::Error::DuplicateUrl { .. } | ingest::Error::DuplicateId { .. }),
                ) => tracing::warn!("{w}"),
                Item::Warning(w) => tracing::info!("{w}"),
                item => on(item, &progress),
            },
        );
        done.store(true, Ordering::Relaxed);
        if let Some(poller) = poller {
            poller.thread().unpark();
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    failed
}

/// The progress bar's layout (indicatif template).
const PROGRESS_TEMPLATE: &str =
    "{spinner} {elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {msg}";

fn show_progress(bar: &ProgressBar, progress: &Progress) {
    bar.set_length(progress.bytes_total());
    bar.set_position(progress.bytes_read());
    let records = progress.records();
    bar.set_message(if records > 0 {
        format!("{records} records, {} articles", progress.articles())
    } else {
        format!("{} articles", progress.articles())
    });
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Brief {
            format,
            budget,
            all,
            paths,
        } => {
            let (ingested, failed) = read(&paths);
            let articles: Vec<Article> = ingested.all_articles().cloned().collect();
            if articles.is_empty() {
                // Every problem was printed already; nothing is left to summarize.
                return Ok(ExitCode::from(2));
            }
            let mut briefer = Briefer::new(pipeline::Config {
                summary: Config {
                    budget: budget.budget(),
                    ..Config::default()
                },
                ..pipeline::Config::default()
            });
            let text = if all {
                let stories = cluster::cluster(&articles, &cluster::Config::default());
                let by_id: HashMap<&str, &Article> =
                    articles.iter().map(|a| (a.id.as_str(), a)).collect();
                let briefs: Vec<Brief> = stories
                    .iter()
                    .map(|story| {
                        let members: Vec<Article> = story
                            .articles
                            .iter()
                            .filter_map(|id| by_id.get(id.as_str()).map(|a| (*a).clone()))
                            .collect();
                        briefer.brief(&members)
                    })
                    .collect();
                match format {
                    Format::Md => render::markdown_all(&briefs),
                    Format::Json => {
                        #[derive(Serialize)]
                        struct StoryBrief<'a> {
                            story: &'a Story,
                            brief: &'a Brief,
                        }
                        let list: Vec<StoryBrief> = stories
                            .iter()
                            .zip(&briefs)
                            .map(|(story, brief)| StoryBrief { story, brief })
                            .collect();
                        serde_json::to_string_pretty(&serde_json::json!({ "stories": list }))?
                            + "\n"
                    }
                    Format::Html => render::html_all(&briefs, &articles),
                }
            } else {
                if articles.len() > 2 {
                    let stories = cluster::cluster(&articles, &cluster::Config::default()).len();
                    if stories > 1 {
                        eprintln!(
                            "crossread: note: these {} articles look like {stories} different stories; \
                             `brief --all` gives one brief per story",
                            articles.len()
                        );
                    }
                }
                let brief = briefer.brief(&articles);
                match format {
                    Format::Md => render::markdown(&brief),
                    Format::Json => render::json(&brief) + "\n",
                    Format::Html => render::html(&brief, &articles),
                }
            };
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(exit(failed))
        }
        Command::Extract { format, paths } => {
            // Streamed: each article is written as it is read and then dropped, so a web
            // archive of any size runs in constant memory. Write errors are io::Errors, so a
            // closed pipe (`| head`) stops the reading and is a clean exit.
            let mut printed = 0usize;
            let mut write_error: Option<std::io::Error> = None;
            let mut emit =
                |item: Item,
                 progress: &Progress,
                 write: &mut dyn FnMut(&Extracted) -> std::io::Result<()>| {
                    let articles: Vec<&Article> = match &item {
                        Item::Article(a) => vec![a],
                        Item::Cluster(c) => c.articles.iter().collect(),
                        _ => Vec::new(),
                    };
                    for a in articles {
                        if write_error.is_some() {
                            return;
                        }
                        match write(&Extracted::from(a)) {
                            Ok(()) => printed += 1,
                            Err(e) => {
                                write_error = Some(e);
                                progress.cancel();
                            }
                        }
                    }
                };
            let failed = match format {
                ExtractFormat::Jsonl => stream(&paths, |item, progress| {
                    emit(item, progress, &mut |r| {
                        serde_json::to_writer(&mut out, r)?;
                        out.write_all(b"\n")
                    })
                }),
                ExtractFormat::Json => {
                    let mut ser = serde_json::Serializer::pretty(&mut out);
                    let mut seq = ser.serialize_seq(None).map_err(std::io::Error::from)?;
                    let failed = stream(&paths, |item, progress| {
                        emit(item, progress, &mut |r| {
                            seq.serialize_element(r).map_err(std::io::Error::from)
                        })
                    });
                    if write_error.is_none() {
                        seq.end().map_err(std::io::Error::from)?;
                        out.write_all(b"\n")?;
                    }
                    failed
                }
            };
            if let Some(e) = write_error {
                return Err(e.into());
            }
            out.flush()?;
            Ok(exit(failed || printed == 0))
        }
        Command::Cluster { format, paths } => {
            let (ingested, failed) = read(&paths);
            let articles: Vec<Article> = ingested.all_articles().cloned().collect();
            if articles.is_empty() {
                return Ok(ExitCode::from(2));
            }
            let stories = cluster::cluster(&articles, &cluster::Config::default());
            let copies = dedup::near_duplicates(&articles, &dedup::Config::default())
                .context("near-duplicate settings")?;
            match format {
                ClusterFormat::Json => {
                    #[derive(Serialize)]
                    struct Report<'a> {
                        stories: &'a [Story],
                        near_duplicates: &'a [(String, String)],
                    }
                    serde_json::to_writer_pretty(
                        &mut out,
                        &Report {
                            stories: &stories,
                            near_duplicates: &copies,
                        },
                    )?;
                    out.write_all(b"\n")?;
                }
                ClusterFormat::Md => {
                    let by_id: HashMap<&str, &Article> =
                        articles.iter().map(|a| (a.id.as_str(), a)).collect();
                    writeln!(
                        out,
                        "# {} {} from {} articles\n",
                        stories.len(),
                        if stories.len() == 1 {
                            "story"
                        } else {
                            "stories"
                        },
                        articles.len()
                    )?;
                    for (n, story) in stories.iter().enumerate() {
                        let dates = match (&story.first, &story.last) {
                            (Some(f), Some(l)) if f != l => format!(", {f} – {l}"),
                            (Some(f), _) => format!(", {f}"),
                            _ => String::new(),
                        };
                        writeln!(
                            out,
                            "## {}. {} ({} articles{dates})\n",
                            n + 1,
                            story.title.as_deref().unwrap_or("(untitled)"),
                            story.articles.len()
                        )?;
                        for id in &story.articles {
                            let a = by_id.get(id.as_str());
                            let source = a.map_or("", |a| a.source.as_str());
                            let title = a.and_then(|a| a.title.as_deref()).unwrap_or("");
                            writeln!(out, "- `{id}` {source} {title}")?;
                        }
                        writeln!(out)?;
                    }
                    if !copies.is_empty() {
                        writeln!(out, "## Near-duplicates\n")?;
                        for (a, b) in &copies {
                            writeln!(out, "- `{a}` ≈ `{b}`")?;
                        }
                    }
                }
            }
            out.flush()?;
            Ok(exit(failed))
        }
        Command::EvalClusters { json, paths } => {
            let (ingested, failed) = read(&paths);
            let articles: Vec<Article> = ingested.all_articles().cloned().collect();
            let gold = labels(&paths)?;
            if articles.is_empty() || gold.is_empty() {
                bail!("no labeled articles in the input (JSONL lines need \"id\" and \"label\")");
            }
            let stories = cluster::cluster(&articles, &cluster::Config::default());
            let pred: Vec<(String, String)> = stories
                .iter()
                .flat_map(|s| s.articles.iter().map(move |a| (a.clone(), s.id.clone())))
                .collect();
            let scores = cluster::eval::evaluate(&pred, &gold);
            if json {
                serde_json::to_writer_pretty(&mut out, &scores)?;
                out.write_all(b"\n")?;
            } else {
                writeln!(
                    out,
                    "{} articles, {} gold stories, {} predicted",
                    scores.items, scores.gold, scores.predicted
                )?;
                writeln!(
                    out,
                    "{:<9} {:>9} {:>8} {:>8}",
                    "", "precision", "recall", "F1"
                )?;
                for (name, p) in [("pairwise", &scores.pairwise), ("B-cubed", &scores.bcubed)] {
                    writeln!(
                        out,
                        "{:<9} {:>9.4} {:>8.4} {:>8.4}",
                        name, p.precision, p.recall, p.f1
                    )?;
                }
            }
            out.flush()?;
            Ok(exit(failed))
        }
        Command::Summarize { budget, paths } => {
            let (ingested, failed) = read(&paths);
            let clusters = clusters_of(ingested);
            if clusters.is_empty() {
                return Ok(ExitCode::from(2));
            }
            #[derive(Serialize)]
            struct Line<'a> {
                id: &'a str,
                summary: String,
            }
            for (c, summary) in clusters.iter().zip(summaries(&clusters, budget.budget())) {
                serde_json::to_writer(&mut out, &Line { id: &c.id, summary })?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
            Ok(exit(failed))
        }
        Command::Eval {
            budget,
            json,
            paths,
        } => {
            let (ingested, failed) = read(&paths);
            let clusters: Vec<Cluster> = clusters_of(ingested)
                .into_iter()
                .filter(|c| !c.references.is_empty())
                .collect();
            if clusters.is_empty() {
                bail!("no cluster with reference summaries in the input");
            }
            let budget = budget.budget();
            let scores: Vec<eval::RougeScores> = clusters
                .par_iter()
                .zip(summaries(&clusters, budget))
                .map(|(c, summary)| eval::score(&summary, &c.references, budget))
                .collect();
            let mean = eval::mean(&scores);
            if json {
                #[derive(Serialize)]
                struct Report<'a> {
                    clusters: usize,
                    budget: Budget,
                    #[serde(flatten)]
                    mean: &'a eval::RougeScores,
                }
                serde_json::to_writer_pretty(
                    &mut out,
                    &Report {
                        clusters: clusters.len(),
                        budget,
                        mean: &mean,
                    },
                )
                .context("writing the report")?;
                out.write_all(b"\n")?;
            } else {
                writeln!(out, "{} clusters, budget {:?}", clusters.len(), budget)?;
                writeln!(
                    out,
                    "{:<8} {:>8} {:>9} {:>8}",
                    "", "recall", "precision", "F1"
                )?;
                for (name, p) in [
                    ("ROUGE-1", &mean.rouge1),
                    ("ROUGE-2", &mean.rouge2),
                    ("ROUGE-L", &mean.rouge_l),
                ] {
                    writeln!(
                        out,
                        "{:<8} {:>8.2} {:>9.2} {:>8.2}",
                        name,
                        100.0 * p.recall,
                        100.0 * p.precision,
                        100.0 * p.f1
                    )?;
                }
            }
            out.flush()?;
            Ok(exit(failed))
        }
    }
}

/// The summary of every cluster, in cluster order, computed in parallel (one summarizer per
/// worker, so stem caches stay warm).
fn summaries(clusters: &[Cluster], budget: Budget) -> Vec<String> {
    let config = Config {
        budget,
        ..Config::default()
    };
    clusters
        .par_iter()
        .map_init(
            || Summarizer::new(config.clone()),
            |s, c| s.summary_text(&c.articles),
        )
        .collect()
}

/// `(id, label)` of every JSONL line with both fields (other lines are the ingest's business).
fn labels(paths: &[PathBuf]) -> Result<Vec<(String, String)>> {
    use std::io::BufRead;
    let mut out = Vec::new();
    for path in paths {
        let file = std::fs::File::open(path).with_context(|| format!("{}", path.display()))?;
        for line in std::io::BufReader::new(file).lines() {
            let line = line.with_context(|| format!("{}", path.display()))?;
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let field = |k: &str| match &v[k] {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            };
            if let (Some(id), Some(label)) = (field("id"), field("label")) {
                out.push((id, label));
            }
        }
    }
    Ok(out)
}

/// The clusters of the input; loose articles (not inside a cluster) form one more cluster.
fn clusters_of(ingested: Ingested) -> Vec<Cluster> {
    let mut clusters = ingested.clusters;
    if !ingested.articles.is_empty() {
        clusters.push(Cluster {
            id: "articles".into(),
            articles: ingested.articles,
            references: Vec::new(),
        });
    }
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_bar_template() {
        assert!(ProgressStyle::with_template(PROGRESS_TEMPLATE).is_ok());
    }

    #[test]
    fn progress_message_counts_records_only_for_archives() {
        let bar = ProgressBar::hidden();
        let progress = Progress::default();
        show_progress(&bar, &progress);
        assert_eq!(bar.message(), "0 articles");
    }
}
