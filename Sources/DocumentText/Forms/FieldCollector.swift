/// Keeps the first non-empty value found for each canonical field, in document order.
struct FieldCollector {
  private(set) var fields: [FormField] = []
  private var names: Set<String> = []

  var count: Int { fields.count }

  /// Records `value` under the field `label` stands for; ignored when the label is not a field,
  /// the value is empty, or the field already has a value.
  mutating func offer(label: String, value: String) {
    guard let name = FieldName.canonical(forLabel: label), !names.contains(name) else { return }
    let resolved = LabelText.trimmed(CheckboxValue.resolve(LabelText.trimmed(value)))
    guard !resolved.isEmpty, !LabelText.isPlaceholder(resolved) else { return }
    names.insert(name)
    fields.append(FormField(name: name, label: LabelText.displayLabel(label), value: resolved))
  }
}
