//! The report's JSON Schema and TypeScript declarations, generated from the
//! Rust types (schemars reads the same serde attributes the JSON is written
//! with), committed in `docs/schema/` and checked here so that they cannot
//! drift: a change to the report's types fails this test until the files
//! are regenerated with `KYSO_BLESS=1 cargo test -p kyso-report --test schema`
//! (and, if the change is incompatible, `SCHEMA_VERSION` is bumped).

use kyso_report::{Report, SCHEMA_VERSION};
use std::path::PathBuf;

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/schema")
}

fn schema_json() -> String {
    let mut schema = schemars::schema_for!(Report);
    let meta = schema.schema.metadata();
    meta.id = Some(format!(
        "https://kyso.vn/schema/report-v{SCHEMA_VERSION}.schema.json"
    ));
    meta.title = Some("Kyso report".into());
    meta.description = Some(format!(
        "The report of one verification by Kyso (schema_version {SCHEMA_VERSION}). Generated from the Rust types in crates/kyso-report; see docs/report.md."
    ));
    let mut s = serde_json::to_string_pretty(&schema).unwrap();
    s.push('\n');
    s
}

fn check_or_bless(name: &str, fresh: &str) {
    let path = docs().join(name);
    if std::env::var_os("KYSO_BLESS").is_some() {
        std::fs::create_dir_all(docs()).unwrap();
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        old == fresh,
        "{} is out of date with the report's Rust types: regenerate it with \
         `KYSO_BLESS=1 cargo test -p kyso-report --test schema` (and bump \
         SCHEMA_VERSION if the change is incompatible)",
        path.display()
    );
}

#[test]
fn json_schema_is_generated_from_the_types() {
    check_or_bless("report.schema.json", &schema_json());
}

#[test]
fn typescript_declarations_are_generated_from_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    check_or_bless("report.d.ts", &ts::declarations(&schema));
}

#[test]
fn the_schema_names_the_version_it_describes() {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    assert!(schema["$id"]
        .as_str()
        .unwrap()
        .contains(&format!("report-v{SCHEMA_VERSION}")));
    // Every top-level field of a report is described.
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "schema_version",
        "file",
        "verdict",
        "signatures",
        "findings",
    ] {
        assert!(props.contains_key(key), "{key}");
    }
}

/// TypeScript declarations from the JSON Schema that schemars writes (the
/// subset it uses: objects with `properties`/`required`, string enums,
/// `oneOf` of tagged variants, arrays, `$ref`, nullable `type` pairs,
/// `anyOf` with null). Written here rather than with `ts-rs` because ts-rs
/// ignores `skip_serializing_if` (an absent field would be declared
/// `T | null`, which the JSON never holds); converting the schema keeps the
/// two artifacts consistent by construction.
mod ts {
    use serde_json::Value;
    use std::fmt::Write;

    pub fn declarations(schema: &Value) -> String {
        let mut out = String::new();
        let version = schema["$id"].as_str().unwrap_or_default();
        let _ = writeln!(
            out,
            "// Generated from {version} by crates/kyso-report/tests/schema.rs: do not edit.\n// The report of one verification by Kyso; see docs/report.md.\n"
        );
        // The report is recursive (a child's report), so schemars may list
        // it among the definitions as well: declared once.
        if schema["definitions"].get("Report").is_none() {
            emit(&mut out, "Report", schema);
        }
        if let Some(defs) = schema["definitions"].as_object() {
            for (name, def) in defs {
                emit(&mut out, name, def);
            }
        }
        out
    }

    fn doc(out: &mut String, v: &Value, indent: &str) {
        if let Some(d) = v["description"].as_str() {
            let _ = writeln!(out, "{indent}/**");
            for line in d.lines() {
                let _ = writeln!(out, "{indent} * {}", line.replace("*/", "* /"));
            }
            let _ = writeln!(out, "{indent} */");
        }
    }

    fn emit(out: &mut String, name: &str, def: &Value) {
        doc(out, def, "");
        if def["type"] == "object" && def.get("properties").is_some() {
            let _ = writeln!(out, "export interface {name} {{");
            fields(out, def, "  ");
            let _ = writeln!(out, "}}\n");
        } else {
            let _ = writeln!(out, "export type {name} = {};\n", ty(def, ""));
        }
    }

    fn fields(out: &mut String, def: &Value, indent: &str) {
        let required: Vec<&str> = def["required"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(props) = def["properties"].as_object() {
            for (k, v) in props {
                doc(out, v, indent);
                let opt = if required.contains(&k.as_str()) {
                    ""
                } else {
                    "?"
                };
                let _ = writeln!(out, "{indent}{k}{opt}: {};", ty(v, indent));
            }
        }
    }

    fn join(alts: &[Value], indent: &str, sep: &str) -> String {
        alts.iter()
            .map(|x| ty(x, indent))
            .collect::<Vec<_>>()
            .join(sep)
    }

    fn ty(v: &Value, indent: &str) -> String {
        if let Some(r) = v["$ref"].as_str() {
            return r.rsplit('/').next().unwrap_or("unknown").to_string();
        }
        if let Some(all) = v["allOf"].as_array() {
            return join(all, indent, " & ");
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(alts) = v[key].as_array() {
                return join(alts, indent, " | ");
            }
        }
        if let Some(e) = v["enum"].as_array() {
            return e
                .iter()
                .map(|x| serde_json::to_string(x).unwrap())
                .collect::<Vec<_>>()
                .join(" | ");
        }
        if let Some(c) = v.get("const") {
            return serde_json::to_string(c).unwrap();
        }
        match &v["type"] {
            Value::Array(ts) => ts
                .iter()
                .map(|t| {
                    let mut one = v.clone();
                    one["type"] = t.clone();
                    ty(&one, indent)
                })
                .collect::<Vec<_>>()
                .join(" | "),
            Value::String(t) => match t.as_str() {
                "string" => "string".into(),
                "integer" | "number" => "number".into(),
                "boolean" => "boolean".into(),
                "null" => "null".into(),
                "array" => {
                    let item = ty(&v["items"], indent);
                    if item.contains(' ') {
                        format!("Array<{item}>")
                    } else {
                        format!("{item}[]")
                    }
                }
                "object" => {
                    if v.get("properties").is_some() {
                        let inner = format!("{indent}  ");
                        let mut s = String::from("{\n");
                        fields(&mut s, v, &inner);
                        s.push_str(indent);
                        s.push('}');
                        s
                    } else if let Some(ap) = v.get("additionalProperties").filter(|a| a.is_object())
                    {
                        format!("Record<string, {}>", ty(ap, indent))
                    } else {
                        "Record<string, unknown>".into()
                    }
                }
                _ => "unknown".into(),
            },
            _ => "unknown".into(),
        }
    }
}
