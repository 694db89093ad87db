extension ReferralValidator {
    /// Normalises each indicator, reporting problems at `indicators[i].<field>`; duplicates
    /// (equal canonical keys) are merged silently, keeping the first.
    func indicators(_ submissions: [IndicatorSubmission], _ check: inout FieldCheck) -> [CanonicalIndicator] {
        let path = FieldPath.root.appending(ReferralSubmission.Key.indicators)
        guard submissions.count <= limits.maxIndicators else {
            check.fail(path, "at most \(limits.maxIndicators) indicators per referral, got \(submissions.count)")
            return []
        }
        var seen: Set<String> = []
        var result: [CanonicalIndicator] = []
        for (index, submission) in submissions.enumerated() {
            let itemPath = path.appending(index: index)
            let oversized = submission.presentFields.filter { $0.1.count > limits.maxIndicatorFieldLength }
            guard oversized.isEmpty else {
                for (field, _) in oversized {
                    check.fail(itemPath.appending(field.rawValue), "must have at most \(limits.maxIndicatorFieldLength) characters")
                }
                continue
            }
            switch normaliser.normalise(submission) {
            case .success(let indicator):
                if seen.insert(indicator.key).inserted { result.append(indicator) }
            case .failure(let failure):
                for problem in failure.problems {
                    check.fail(itemPath.appending(problem.field.rawValue), problem.message)
                }
            }
        }
        return result
    }
}
