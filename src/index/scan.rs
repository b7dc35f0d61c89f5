//! A directory for readers that go through the whole index (`coda code`, the analyses):
//! the store files are read with positioned reads instead of memory maps, so pages
//! already read do not stay in the process's memory. The other files are memory-mapped
//! by tantivy's directory, and their pages can be handed back ([`Mapped::release`]):
//! a walk that looks up every segment id touches every page of the term dictionary,
//! which would otherwise stay counted in the process's memory (40 MB at 1 GB of text).
//! Writes go through tantivy's directory.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::HasLen;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

#[derive(Debug, Clone)]
pub(super) struct ScanDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    mapped: Arc<Mapped>,
}

impl ScanDirectory {
    pub(super) fn open(root: &Path) -> tantivy::Result<ScanDirectory> {
        Ok(ScanDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
            mapped: Arc::default(),
        })
    }

    /// The memory maps of the files opened so far.
    pub(super) fn mapped(&self) -> Arc<Mapped> {
        self.mapped.clone()
    }
}

/// The memory-mapped files a [`ScanDirectory`] opened, each whole.
#[derive(Debug, Default)]
pub struct Mapped {
    maps: Mutex<Vec<OwnedBytes>>,
}

impl Mapped {
    /// Drop the pages of every map from the process's memory. They stay in the page
    /// cache, and a later read maps them again, from the same (immutable) files.
    pub fn release(&self) {
        #[cfg(target_os = "linux")]
        for m in self.maps.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            // SAFETY: each map is a whole read-only shared map of an index file, which
            // tantivy never changes: MADV_DONTNEED only drops page table entries, and
            // the next access faults the same bytes in from the file. The pointer is the
            // map's start (page-aligned) and the length its length.
            unsafe {
                libc::madvise(
                    m.as_slice().as_ptr() as *mut libc::c_void,
                    m.len(),
                    libc::MADV_DONTNEED,
                );
            }
        }
    }
}

/// A file read with `pread`.
#[derive(Debug)]
struct ReadFile {
    file: File,
    len: usize,
}

impl HasLen for ReadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.end > self.len || range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("range {range:?} outside a file of {} bytes", self.len),
            ));
        }
        let mut buf = vec![0u8; range.len()];
        self.file.read_exact_at(&mut buf, range.start as u64)?;
        Ok(OwnedBytes::new(buf))
    }
}

impl Directory for ScanDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if path.extension().is_none_or(|e| e != "store") {
            let handle = self.inner.get_file_handle(path)?;
            if handle.len() > 0 {
                let whole = handle
                    .read_bytes(0..handle.len())
                    .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?;
                self.mapped
                    .maps
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(whole);
            }
            return Ok(handle);
        }
        let full = self.root.join(path);
        let open = || -> io::Result<ReadFile> {
            let file = File::open(&full)?;
            let len = file.metadata()?.len() as usize;
            Ok(ReadFile { file, len })
        };
        match open() {
            Ok(f) => Ok(Arc::new(f)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
            }
            Err(e) => Err(OpenReadError::wrap_io_error(e, path.to_path_buf())),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
