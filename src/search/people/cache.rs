//! Where a search gets people: the registry and the linked name forms beside the
//! index, each read again only when its file changes, and the people of the current
//! view's speaker entries.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use super::{Forms, Linked, PeopleMap, Registry, FILE, FORMS_FILE};
use crate::search::tables::{View, SPEAKER};
use crate::search::Searchable;

/// What `load` makes of the file at `path`, kept in `cache` until the file changes.
pub(crate) fn cached_file<T>(
    cache: &Mutex<Option<(SystemTime, Arc<T>)>>,
    path: &Path,
    load: impl FnOnce() -> Option<T>,
) -> Option<Arc<T>> {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    let mut cached = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((t, v)) = &*cached {
        if *t == modified {
            return Some(v.clone());
        }
    }
    let loaded = Arc::new(load()?);
    *cached = Some((modified, loaded.clone()));
    Some(loaded)
}

impl Searchable {
    /// The people registry the last ingest wrote beside the index, if any.
    pub fn people(&self) -> Option<Arc<Registry>> {
        let dir = self.dir.as_ref()?;
        cached_file(&self.people, &dir.join(FILE), || Registry::load(dir))
    }

    /// The name forms of people with several, for counting and showing people (none
    /// without a registry). An index written before the forms file has them from
    /// the registry.
    pub(crate) fn people_forms(&self) -> Option<Arc<Forms>> {
        let dir = self.dir.as_ref()?;
        cached_file(&self.forms, &dir.join(FORMS_FILE), || {
            Linked::load(dir).map(Forms::new)
        })
        .or_else(|| {
            cached_file(&self.forms, &dir.join(FILE), || {
                Some(Forms::new(Linked::of(&*self.people()?)))
            })
        })
    }

    /// Who each speaker entry of `view` is (none without a registry).
    pub(in crate::search) fn people_map(&self, view: &Arc<View>) -> Option<Arc<PeopleMap>> {
        let forms = self.people_forms()?;
        let mut cached = self.people_map.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((v, map)) = &*cached {
            if Arc::ptr_eq(v, view) && map.is_of(&forms) {
                return Some(map.clone());
            }
        }
        let map = Arc::new(PeopleMap::new(forms, &view.labels[SPEAKER]));
        *cached = Some((view.clone(), map.clone()));
        Some(map)
    }
}
