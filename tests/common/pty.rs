//! Running the real `roadmap` binary in a pseudo-terminal and reading its
//! screen through a terminal emulator (vt100), as a user would see it.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set when the program's output has been read to the end.
    drained: Arc<std::sync::atomic::AtomicBool>,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap()
}

impl Pty {
    /// Starts `roadmap ARGS` at `width` x `height` with its data in `data_dir`.
    pub fn spawn(args: &[&str], data_dir: &Path, width: u16, height: u16) -> Pty {
        Pty::spawn_with(args, data_dir, width, height, &[])
    }

    pub fn spawn_with(
        args: &[&str],
        data_dir: &Path,
        width: u16,
        height: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: height,
                cols: width,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_roadmap"));
        cmd.args(args);
        cmd.env("ROADMAP_DATA_DIR", data_dir);
        cmd.env("ROADMAP_CONFIG_DIR", data_dir.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn roadmap");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(height), nz(width), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, r, d) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&drained));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            d.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            child,
            master: pair.master,
            writer,
            parser,
            raw,
            drained,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote, escape sequences included.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen shows `needle`; panics with the screen if not.
    pub fn wait_for(&self, needle: &str) {
        self.wait_until(needle, |s| s.contains(needle));
    }

    /// Waits until the screen no longer shows `needle`.
    pub fn wait_gone(&self, needle: &str) {
        self.wait_until(needle, |s| !s.contains(needle));
    }

    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if done(&screen) {
                return;
            }
            assert!(
                Instant::now() <= deadline,
                "timed out waiting for {what:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Sends keys one at a time, as typed.
    pub fn type_keys(&mut self, keys: &str) {
        for c in keys.chars() {
            let mut b = [0u8; 4];
            self.send(c.encode_utf8(&mut b));
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    pub fn resize(&self, width: u16, height: u16) {
        // The screen first: the program may answer the resize with a frame
        // before this returns.
        self.parser.lock().unwrap().set_size(nz(height), nz(width));
        self.master
            .resize(PtySize {
                rows: height,
                cols: width,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Everything it wrote is on the screen before we look.
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst)
                    && Instant::now() < deadline
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let screen = self.screen();
                let _ = self.child.kill();
                panic!("roadmap did not exit; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a signal to the program.
    pub fn signal(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
