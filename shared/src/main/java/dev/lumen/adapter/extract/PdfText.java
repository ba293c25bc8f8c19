package dev.lumen.adapter.extract;

import dev.lumen.domain.error.UnprocessableContentException;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text layer of a PDF, with Apache PDFBox. PDFBox's paragraph detection (from line spacing and
 * indentation) gives the blank lines between paragraphs; pages end a paragraph too. A scanned PDF
 * has no text layer and gives no text (no OCR here).
 */
final class PdfText {

    private PdfText() {
    }

    static String of(byte[] content) {
        try (PDDocument document = Loader.loadPDF(content)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            stripper.setParagraphEnd("\n\n");
            stripper.setPageEnd("\n\n");
            return stripper.getText(document);
        } catch (InvalidPasswordException e) {
            throw new UnprocessableContentException("encrypted_pdf",
                    "the PDF is password-protected; upload it without the password", e);
        } catch (IOException | RuntimeException e) {
            // PDFBox reports damaged files as IOException, and a few structural oddities as runtime exceptions
            throw new UnprocessableContentException("unreadable_pdf", "the PDF cannot be read (damaged or not a PDF)", e);
        }
    }
}
