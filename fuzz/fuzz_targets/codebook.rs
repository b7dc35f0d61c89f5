//! The codebook loader (TOML or JSON, picked by the first byte), and for a codebook that
//! loads, compiling it and coding a sentence with it.
#![no_main]
use coda::codebook::Codebook;
use coda::coding::Engine;
use coda::transcript::Role;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let name = if pick % 2 == 0 { "book.toml" } else { "book.json" };
    if let Ok(book) = Codebook::parse(text, std::path::Path::new(name))
        && let Ok(engine) = Engine::new(&book)
    {
        let _ = engine.code(
            "The bus takes two hours and everybody knows; café in Màiri’s town…",
            Role::Participant,
        );
    }
});
