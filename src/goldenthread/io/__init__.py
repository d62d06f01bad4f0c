"""Reading and writing bundles: the folders and workbooks councils keep their framework in."""
