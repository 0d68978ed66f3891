"""Records management: how long things are kept (retention), legal holds, and finding everything held on
one case or one person for the data protection officer (export)."""
