-- 复议 (formats.md §7): after the panel's discussion an expert may sign a
-- new revision of a signed review. Signed rows stay immutable (their own
-- triggers); what stays final is a declared conflict of interest.
DROP TRIGGER reviews_final_once_signed;
CREATE TRIGGER reviews_conflict_final BEFORE INSERT ON reviews
WHEN EXISTS (
    SELECT 1 FROM signatures s JOIN reviews r ON r.id = s.review_id
    WHERE r.batch_id = NEW.batch_id AND r.package_id = NEW.package_id
      AND r.expert_id = NEW.expert_id AND r.phase = NEW.phase
      AND r.generation = NEW.generation
      AND json_extract(r.sheet, '$.conflict_of_interest.declared') = 1
)
BEGIN SELECT RAISE(ABORT, 'a signed conflict-of-interest declaration is final'); END;

-- What a signed revision replaces, and why (both NULL on a first signature).
ALTER TABLE signatures ADD COLUMN supersedes TEXT;
ALTER TABLE signatures ADD COLUMN revision_reason TEXT;
