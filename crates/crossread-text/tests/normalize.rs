//! Invariants of normalization and of the prose-region filter on arbitrary text.
use crossread_model::Span;
use crossread_text::{clean, normalize::normalize};
use proptest::prelude::*;

fn newsy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("Sessions".to_string()),
            Just("’".to_string()),
            Just("“".to_string()),
            Just(" — ".to_string()),
            Just("\u{00A0}".to_string()),
            Just("\u{00AD}".to_string()),
            Just("…".to_string()),
            Just("\n".to_string()),
            Just("  ".to_string()),
            Just(". ".to_string()),
            "\\PC{0,6}",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn normalize_is_idempotent_and_maps_back(text in newsy()) {
        let n = normalize(&text);
        prop_assert_eq!(&normalize(&n.text).text, &n.text);
        prop_assert_eq!(n.map.len(), n.text.len() + 1);
        prop_assert!(n.map.windows(2).all(|w| w[0] <= w[1]));
        // every char of the normalized text maps to a span of the original on char boundaries
        for (i, c) in n.text.char_indices() {
            let o = n.to_original(Span::new(i, i + c.len_utf8()));
            prop_assert!(text.is_char_boundary(o.start) && text.is_char_boundary(o.end));
            prop_assert!(o.start < o.end || c == ' ');
        }
    }

    #[test]
    fn prose_regions_are_ordered_trimmed_slices(text in newsy()) {
        let regions = clean::prose_regions(&text);
        let mut last = 0;
        for r in regions {
            prop_assert!(r.start >= last && r.start < r.end);
            let s = r.slice(&text);
            prop_assert!(s.is_some());
            let s = s.unwrap_or_default();
            prop_assert_eq!(s.trim(), s);
            last = r.end;
        }
    }
}
