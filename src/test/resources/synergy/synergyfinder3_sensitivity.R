# Runs synergyfinder 3.7.3's own CalculateRI, CalculateIC50 and CalculateCSS (sourced from its R/
# files, as CalculateSensitivity calls them for a block without replicates) and the p-values of
# CalculateSynergy's no-replicate path on every block of a SynergyFinder-format table (cell means).
suppressMessages({library(drc); library(dplyr); library(tidyr); library(purrr); library(furrr)})
`%>%` <- dplyr::`%>%`
for (f in c("fit_dose_response_model.R", "calculate_synergy_score.R", "Reshape_data.R", "calculate_sensitivity_score.R"))
  source(file.path("/tmp/sf", f))
args <- commandArgs(TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, check.names = FALSE)
names(d) <- tolower(names(d))
if ("pairindex" %in% names(d)) { d$block_id <- d$pairindex; d$conc_r <- d$conc1; d$conc_c <- d$conc2 }
pz <- function(s) { z <- abs(mean(s)) / sd(s); exp(-0.717 * z - 0.416 * z^2) }
out <- NULL
for (b in unique(d$block_id)) {
  x <- d[d$block_id == b, ]
  r <- as.data.frame(dplyr::summarise(dplyr::group_by(x, conc_r, conc_c), response = mean(response), .groups = "drop"))
  resp <- data.frame(conc1 = r$conc_r, conc2 = r$conc_c, response = r$response)
  resp <- resp[order(resp$conc1, resp$conc2), ]
  single <- ExtractSingleDrug(resp)
  ri <- suppressWarnings(sapply(single, CalculateRI))
  ic50 <- lapply(single, function(v) { m <- suppressWarnings(FitDoseResponse(v))
    suppressWarnings(CalculateIC50(FindModelPar(m), FindModelType(m), max(v$dose))) })
  names(ic50) <- sub("conc", "ic50_", names(ic50))
  set.seed(1)
  css <- suppressWarnings(CalculateCSS(resp, ic50 = ic50))
  k <- resp$conc1 > 0 & resp$conc2 > 0
  p <- sapply(list(HSA = HSA(resp), Bliss = Bliss(resp), Loewe = Loewe(resp), ZIP = ZIP(resp)), function(s) {
    s <- as.data.frame(s); s <- s[s$conc1 > 0 & s$conc2 > 0, ]; pz(s[[grep("_synergy$", names(s), value = TRUE)]]) })
  out <- rbind(out, data.frame(block_id = b, ic50_row = ic50[[1]], ic50_col = ic50[[2]], ri_row = ri[1], ri_col = ri[2],
                               css_row = css$css1_ic502, css_col = css$css2_ic501, css = css$css,
                               p_hsa = p[["HSA"]], p_bliss = p[["Bliss"]], p_loewe = p[["Loewe"]], p_zip = p[["ZIP"]]))
}
write.csv(out, args[2], row.names = FALSE)
print(out)
