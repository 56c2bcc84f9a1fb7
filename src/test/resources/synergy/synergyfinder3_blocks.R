# Runs synergyfinder 3.7.3's own HSA, Bliss, Loewe and ZIP functions (sourced from its R/ files)
# on every block of a SynergyFinder-format table (cell means, no noise, no replicates).
suppressMessages({library(drc); library(dplyr); library(tidyr); library(purrr); library(furrr)})
`%>%` <- dplyr::`%>%`
for (f in c("fit_dose_response_model.R", "calculate_synergy_score.R", "Reshape_data.R")) source(file.path("/tmp/sf", f))
args <- commandArgs(TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, check.names = FALSE)
names(d) <- tolower(names(d))
if ("pairindex" %in% names(d)) { d$block_id <- d$pairindex; d$conc_r <- d$conc1; d$conc_c <- d$conc2 }
out <- NULL
for (b in unique(d$block_id)) {
  x <- d[d$block_id == b, ]
  r <- as.data.frame(dplyr::summarise(dplyr::group_by(x, conc_r, conc_c), response = mean(response), .groups = "drop"))
  resp <- data.frame(conc1 = r$conc_r, conc2 = r$conc_c, response = r$response)
  combo <- resp$conc1 > 0 & resp$conc2 > 0
  h <- HSA(resp); bl <- Bliss(resp); lo <- Loewe(resp); z <- ZIP(resp)
  m <- function(s, col) { s <- as.data.frame(s); k <- s$conc1 > 0 & s$conc2 > 0; mean(s[[col]][k]) }
  mods <- lapply(ExtractSingleDrug(resp), function(v) suppressWarnings(FitDoseResponse(v)))
  rss <- sapply(mods, function(mm) sum(residuals(mm)^2))
  typ <- sapply(mods, function(mm) as.character(FindModelType(mm)))
  out <- rbind(out, data.frame(block_id = b, hsa = m(h, "HSA_synergy"), bliss = m(bl, "Bliss_synergy"),
                               loewe = m(lo, "Loewe_synergy"), zip = m(z, "ZIP_synergy"),
                               rss_row = rss[1], rss_col = rss[2], model_row = typ[1], model_col = typ[2]))
}
write.csv(out, args[2], row.names = FALSE)
print(out)
