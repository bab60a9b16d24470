//! An expert's review: from the saved score sheet to the signed PDF.
