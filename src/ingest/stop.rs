//! Stopping a pipeline: one [`KillSwitch`] shared by every stage (the shape of
//! quickwit's indexing pipeline). A stage that fails kills it with its reason; the
//! others see it at their next step (the reader before each record, the workers
//! before each article, the sink at least every 100 ms) and return. The first
//! reason is kept and reported. A panic in any stage is caught by [`catch`] and
//! becomes the fault, naming what was being processed.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};

/// Why a pipeline stopped before the end of its input.
#[derive(Debug)]
pub enum Stop {
    /// The sink asked to stop (a closed output pipe): not an error.
    Finished,
    /// A fatal error: the message says what failed and what state things are in.
    Fault(anyhow::Error),
}

/// An atomic "alive" flag and the first reason it was turned off.
#[derive(Debug, Default)]
pub struct KillSwitch {
    dead: AtomicBool,
    reason: Mutex<Option<Stop>>,
}

impl KillSwitch {
    pub fn is_alive(&self) -> bool {
        !self.dead.load(Ordering::Acquire)
    }

    /// Stops every stage because of a fatal error; the first reason wins.
    pub fn kill(&self, fault: anyhow::Error) {
        self.turn_off(Stop::Fault(fault));
    }

    /// Stops every stage without an error (the sink has all it wants).
    pub fn finish(&self) {
        self.turn_off(Stop::Finished);
    }

    fn turn_off(&self, why: Stop) {
        let mut reason = self.reason.lock().unwrap_or_else(|e| e.into_inner());
        if reason.is_none() {
            *reason = Some(why);
        }
        self.dead.store(true, Ordering::Release);
    }

    /// The reason the switch was turned off, if it was.
    pub fn take_reason(&self) -> Option<Stop> {
        self.reason.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

thread_local! {
    /// How many [`catch`] calls this thread is inside: their panics are reported by
    /// the caller, so the panic hook stays quiet.
    static CATCHING: Cell<u32> = const { Cell::new(0) };
    /// Where the last caught panic happened (file:line), from the panic hook.
    static LAST_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once per process) a panic hook that keeps quiet about panics [`catch`]
/// will report, remembering where they happened; other panics print as before.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) > 0 {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LAST_LOCATION.with(|l| *l.borrow_mut() = at);
                return;
            }
            previous(info)
        }));
    });
}

/// Runs `f`; a panic inside it becomes `Err` with the panic's message and place.
pub fn catch<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install_hook();
    CATCHING.with(|c| c.set(c.get() + 1));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(c.get() - 1));
    result.map_err(|payload| {
        let at = LAST_LOCATION.with(|l| l.borrow_mut().take());
        let message = panic_message(&*payload);
        match at {
            Some(at) => format!("{message} (at {at})"),
            None => message,
        }
    })
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with no message".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_reason_is_kept() {
        let s = KillSwitch::default();
        assert!(s.is_alive());
        s.kill(anyhow::anyhow!("disk full"));
        s.finish();
        s.kill(anyhow::anyhow!("later"));
        assert!(!s.is_alive());
        match s.take_reason() {
            Some(Stop::Fault(e)) => assert_eq!(e.to_string(), "disk full"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_caught_panic_keeps_its_message_and_place() {
        let err = catch(|| -> u32 { panic!("bad article {}", 7) }).unwrap_err();
        assert!(err.starts_with("bad article 7 (at "), "{err}");
        assert!(err.contains("stop.rs"), "{err}");
        assert_eq!(catch(|| 5), Ok(5));
    }
}
