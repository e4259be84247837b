//! The ingest progress bar on stderr (indicatif), shown only on a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ingest::{Progress, ProgressState};

pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    pub fn new(visible: bool) -> Self {
        let bar = ProgressBar::with_draw_target(
            Some(0),
            if visible {
                ProgressDrawTarget::stderr()
            } else {
                ProgressDrawTarget::hidden()
            },
        );
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar { bar }
    }
}

impl Progress for Bar {
    fn start(&self, total_bytes: u64, _num_files: usize) {
        self.bar.set_length(total_bytes);
    }

    fn update(&self, s: &ProgressState) {
        self.bar.set_position(s.disk_bytes);
        let secs = s.elapsed.as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "files {}/{}  articles {}  {:.1} MB/s",
            s.files_done,
            s.files_total,
            s.articles,
            s.disk_bytes as f64 / 1e6 / secs
        ));
    }

    fn message(&self, line: &str) {
        self.bar
            .suspend(|| eprintln!("{}", crate::sanitize::for_terminal(line)));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
