/// Reads Word files (.docx/.docm/.dotx, flat OPC, Word 2003 XML, bare document.xml) and text files
/// into structured text: parts, paragraphs with sections, tables, form fields.
package enum DocumentTextModule {}
