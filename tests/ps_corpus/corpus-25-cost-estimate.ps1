# Monthly cost estimate for the finance review, from the pilot's numbers, checked against a dry-run session.
$Pilot = '{"seats": 4, "minutesPerCall": 2.50, "callsPerDay": 30, "ratePerMinute": 0.06, "discount": null, "regions": ["eu", "us"]}' | ConvertFrom-Json
$Request = Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-mini-realtime-preview' -Modalities 'text' -Instructions 'Cost estimate dry run.'
$Session = New-RealtimeSession -RealtimeSessionCreateRequest $Request

Write-Output "minutes per call: $($Pilot.minutesPerCall)"    # the JSON's 2.50 is the double 2.5
$TeamMinutes = $Pilot.callsPerDay * $Pilot.minutesPerCall * 12    # 900, a double
Write-Output "team hours per day: $($TeamMinutes / 60), or $(900 / 60) from the literal"    # both print 15
$DailyMinutes = $Pilot.seats * $Pilot.callsPerDay * $Pilot.minutesPerCall
$Monthly = $DailyMinutes * 22 * $Pilot.ratePerMinute
Write-Output ('monthly: {0:N2} USD for {1:N0} minutes' -f $Monthly, ($DailyMinutes * 22))
Write-Output "discount: '$($Pilot.discount)'"    # $null inside a string is empty
Write-Output "regions: $($Pilot.regions)"    # an array inside a string is joined with spaces
# .Count of an array is its length, of a single value 1, of $null 0
Write-Output "counts: regions $($Pilot.regions.Count), seats $($Pilot.seats.Count), discount $($Pilot.discount.Count)"
# [int] rounds half to even: 2.5 gives 2, and the text "3.5" gives 4
Write-Output "whole minutes per call: $([int]$Pilot.minutesPerCall), from text: $([int]'3.5')"
# -eq converts the right side to the left side's type: 4 -eq '4' and '4' -eq 4 are both true
Write-Output "seat check: $($Pilot.seats -eq '4') / $('4' -eq $Pilot.seats)"
Write-Output "dry-run session: $($Session.modalities) ($($Session.modalities.Count) modality), instructions kept: $($Session.instructions -eq $Request.instructions)"
