# Provision the trade-show demo booths from the events team's spreadsheet export: one beta session per row.
$CsvPath = Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-16-booths.csv'
Set-Content -Path $CsvPath -Value @(
    'Booth,Voice,Tokens,Temperature'
    'A1,coral,800,0.9'
    'B2,sage,1200,0.75'
    'C3,echo,300,1'
)

$Booths = Import-Csv -Path $CsvPath
$Total = 0
foreach ($Booth in $Booths) {
    $Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-mini-realtime-preview' -Voice $Booth.Voice `
        -MaxResponseOutputTokens ([int]$Booth.Tokens) -Temperature ([double]$Booth.Temperature)
    $Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request
    $Total += $Booth.Tokens    # 0 + "800": the left side is a number, so the text is added as a number
    Write-Output "$($Booth.Booth): $($Session.voice), $($Session.max_response_output_tokens) tokens, temperature $($Session.temperature)"
}
# every CSV value is text: "800" + "1200" concatenates
$Concat = $Booths[0].Tokens + $Booths[1].Tokens
Write-Output "total tokens: $Total; first two as text: $Concat"
Write-Output "2 + '3' = $(2 + '3'); '2' + 3 = $('2' + 3)"
$Sum = ($Booths | Measure-Object -Property Tokens -Sum).Sum
Write-Output "sum via Measure-Object: $Sum"
# sorting text: "1200" < "300" < "800"
$ByTokens = $Booths | Sort-Object -Property Tokens | Select-Object -ExpandProperty Booth
Write-Output "by tokens as text: $($ByTokens -join ' ')"
Remove-Item -Path $CsvPath
